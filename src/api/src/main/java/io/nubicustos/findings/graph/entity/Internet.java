package io.nubicustos.findings.graph.entity;

import org.neo4j.ogm.annotation.NodeEntity;

/** The Internet, where Internet-facing paths start. */
@NodeEntity(label = "Internet")
public class Internet extends Asset {
}
