package io.nubicustos.findings.graph.entity;

import org.neo4j.ogm.annotation.NodeEntity;

/** A Kubernetes cluster. */
@NodeEntity(label = "Cluster")
public class Cluster extends Asset {
}
