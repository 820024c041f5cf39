package io.nubicustos.findings.attackpath;

import java.util.List;
import java.util.Map;

import io.nubicustos.findings.graph.AssetKind;
import io.nubicustos.findings.graph.FindingFact;

/**
 * One asset of a scope's graph as the path search sees it.
 *
 * @param id the opaque id the API shows (a digest of scope and ref)
 * @param ref the asset's identity as scanners name it
 * @param type the scanner's kind (Deployment, AwsIamRole ...)
 * @param findings its findings, active or not
 */
public record Asset(String id, String ref, AssetKind kind, String type, String namespace, String account, Map<String, String> labels,
        List<FindingFact> findings) {

    public Asset {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    public boolean dataStore() {
        return AssetKind.dataStore(type, ref);
    }

    /** The most severe active finding's rank, -1 without one. */
    public int worstSeverity() {
        return findings.stream().filter(FindingFact::active).mapToInt(FindingFact::severity).max().orElse(-1);
    }
}
