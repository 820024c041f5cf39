package io.nubicustos.findings.graph.entity;

import org.neo4j.ogm.annotation.NodeEntity;

/** Any other scanned resource: a Service, an Ingress, a bucket, a database ... */
@NodeEntity(label = "Resource")
public class Resource extends Asset {
}
