package io.nubicustos.findings.graph.entity;

import org.neo4j.ogm.annotation.NodeEntity;

/** A Role or ClusterRole, a user or group, an IAM role or user, an Azure principal, a GCP service account. */
@NodeEntity(label = "Identity")
public class Identity extends Asset {
}
