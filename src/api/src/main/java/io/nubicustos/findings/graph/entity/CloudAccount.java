package io.nubicustos.findings.graph.entity;

import org.neo4j.ogm.annotation.NodeEntity;

/** An AWS account, Azure subscription or GCP project. */
@NodeEntity(label = "CloudAccount")
public class CloudAccount extends Asset {
}
