package io.nubicustos.findings.graph.entity;

import org.neo4j.ogm.annotation.NodeEntity;

/** A Kubernetes ServiceAccount. */
@NodeEntity(label = "ServiceAccount")
public class ServiceAccount extends Asset {
}
