package io.nubicustos.findings.graph.entity;

import org.neo4j.ogm.annotation.Id;
import org.neo4j.ogm.annotation.NodeEntity;

/** A finding on an asset, as far as paths need it; the finding itself lives in PostgreSQL. */
@NodeEntity(label = "Finding")
public class Finding {

    /** scope|fingerprint */
    @Id
    private String key;
    private String scope;
    private String fingerprint;
    /** 4 critical .. 0 info */
    private int severity;
    private String control;
    private String checkId;
    private String title;
    private String status;
    private String remediation;

    public String getKey() {
        return key;
    }

    public String getFingerprint() {
        return fingerprint;
    }

    public int getSeverity() {
        return severity;
    }

    public String getControl() {
        return control;
    }

    public String getCheckId() {
        return checkId;
    }

    public String getTitle() {
        return title;
    }

    public String getStatus() {
        return status;
    }

    public String getRemediation() {
        return remediation;
    }
}
