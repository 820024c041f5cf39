package io.nubicustos.findings.graph.entity;

import java.util.ArrayList;
import java.util.List;

import org.neo4j.ogm.annotation.Id;
import org.neo4j.ogm.annotation.NodeEntity;
import org.neo4j.ogm.annotation.Relationship;

/**
 * Every node of the attack-path graph that stands for something scanned, as Neo4j OGM maps it.
 * The sync writes these nodes in {@code UNWIND} batches (OGM saves one entity at a time); the
 * entity classes are the schema, and reads that want whole entities load them through OGM.
 */
@NodeEntity(label = "Asset")
public abstract class Asset {

    /** The opaque id the API shows: a digest of scope and ref. */
    @Id
    private String key;
    private String scope;
    /** The identity scanners name it by: Kind/namespace/name, an ARN, an e-mail ... */
    private String ref;
    private String kind;
    private String type;
    private String namespace;
    private String account;
    /** Kubernetes labels as key=value. */
    private String[] labels;

    @Relationship(type = "HAS_FINDING")
    private List<Finding> findings = new ArrayList<>();

    public String getKey() {
        return key;
    }

    public String getScope() {
        return scope;
    }

    public String getRef() {
        return ref;
    }

    public String getKind() {
        return kind;
    }

    public String getType() {
        return type;
    }

    public String getNamespace() {
        return namespace;
    }

    public String getAccount() {
        return account;
    }

    public List<String> getLabels() {
        return labels == null ? List.of() : List.of(labels);
    }

    public List<Finding> getFindings() {
        return findings;
    }
}
