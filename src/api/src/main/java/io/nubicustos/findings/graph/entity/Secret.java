package io.nubicustos.findings.graph.entity;

import org.neo4j.ogm.annotation.NodeEntity;

/** A Kubernetes Secret (or all Secrets of a namespace: Secret/ns/*). */
@NodeEntity(label = "Secret")
public class Secret extends Asset {
}
