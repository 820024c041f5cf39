package io.nubicustos.findings.graph.entity;

import org.neo4j.ogm.annotation.NodeEntity;

/** A Kubernetes namespace. */
@NodeEntity(label = "Namespace")
public class Namespace extends Asset {
}
