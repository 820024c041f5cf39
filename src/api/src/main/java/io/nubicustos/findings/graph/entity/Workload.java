package io.nubicustos.findings.graph.entity;

import org.neo4j.ogm.annotation.NodeEntity;

/** A Pod or the controller that owns it (Deployment, StatefulSet ...). */
@NodeEntity(label = "Workload")
public class Workload extends Asset {
}
