package io.nubicustos.model.finding;

import java.util.List;
import java.util.Map;
import java.util.Objects;


/**
 * One problem on one resource, as every tool's report is normalized to: what the scanner uploads
 * and the API stores. Text fields come from the tool; the fingerprint is computed here, so two
 * runs, or two tools, reporting the same check on the same resource make the same finding.
 *
 * @param tool the tool that reported it (prowler, trivy, ...)
 * @param checkId the tool's own check id (e.g. s3_bucket_public_access, CVE-2023-1234, KSV001)
 * @param control the canonical control the check maps to (see {@link CheckAliases}); the check id itself when unmapped
 * @param resource the resource identity: an ARN, Azure id, GCP name, kind/namespace/name, image@digest, or file:line
 * @param compliance framework to requirement ids, as the tool reports them (CIS-3.0 -> [1.20])
 * @param locations where within the resource the tool saw it, when its identity says less than the
 *        report (the user a Prowler v2 row names, a SARIF result's further locations, the paths
 *        Kubescape failed): findings that deduplicate into one keep every place
 */
public record NormalizedFinding(String tool, String checkId, String control, Severity severity, String title,
        String description, String remediation, String provider, String account, String region, String namespace,
        String resourceType, String resource, Map<String, List<String>> compliance, String fingerprint, List<String> locations) {

    public NormalizedFinding {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(resource, "resource");
        compliance = compliance == null ? Map.of() : Map.copyOf(compliance);
        // Absent in an older scanner's upload. Bounds are the API's to check (a chunk beyond them is
        // refused by name); a null place is no place.
        locations = locations == null ? List.of() : locations.stream().filter(Objects::nonNull).toList();
    }

    /**
     * This finding with the places the tool named, blank ones left out, repeats once, each
     * shortened and at most {@link FindingBounds#LOCATIONS} of them: the first ones, in the report's order.
     */
    public NormalizedFinding at(List<String> places) {
        List<String> bounded = Locations.bounded(places);
        return new NormalizedFinding(tool, checkId, control, severity, title, description, remediation, provider, account, region,
                namespace, resourceType, resource, compliance, fingerprint, bounded);
    }

    /** {@link #at(List)} with one place (or none, when it is null or blank). */
    public NormalizedFinding at(String place) {
        return at(place == null ? List.of() : List.of(place));
    }

    /**
     * Builds a finding and computes its control and fingerprint; free texts longer than the API
     * takes ({@link FindingBounds}) are shortened.
     */
    public static NormalizedFinding of(String tool, String checkId, Severity severity, String title, String description,
            String remediation, String provider, String account, String region, String namespace, String resourceType,
            String resource, Map<String, List<String>> compliance) {
        String control = CheckAliases.canonical(tool, checkId);
        return new NormalizedFinding(tool, checkId, control, severity, FindingBounds.shorten(title, FindingBounds.TITLE),
                FindingBounds.shorten(description, FindingBounds.TEXT), FindingBounds.shorten(remediation, FindingBounds.TEXT), provider,
                account, region, namespace, resourceType, resource, compliance, Fingerprints.of(control, account, resource), List.of());
    }
}
