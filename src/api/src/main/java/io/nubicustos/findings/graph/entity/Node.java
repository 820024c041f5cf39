package io.nubicustos.findings.graph.entity;

import org.neo4j.ogm.annotation.NodeEntity;

/** A Kubernetes node. */
@NodeEntity(label = "Node")
public class Node extends Asset {
}
