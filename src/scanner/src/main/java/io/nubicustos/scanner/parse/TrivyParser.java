package io.nubicustos.scanner.parse;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.nubicustos.api.v1alpha1.common.Severity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.finding.SeverityMapping;

/**
 * Trivy JSON in its layouts: an image or filesystem report ({@code Results}), the legacy top-level
 * list of results, and {@code trivy k8s} with resources either under {@code Resources} or split
 * into {@code Vulnerabilities}/{@code Misconfigurations}. A secret finding records the file and
 * line where the secret is, never its text.
 */
public final class TrivyParser implements ReportParser {

    @Override
    public ReportFormat format() {
        return ReportFormat.TRIVY_JSON;
    }

    @Override
    public ParseSummary parse(Path file, Consumer<NormalizedFinding> sink) throws ReportException {
        long[] counts = new long[2];
        // Trivy lists each target it scanned (an OS, a lock file, a Kubernetes resource), findings or not.
        long[] targets = { 0 };
        String[] artifact = { null };
        String[] cluster = { null };
        JsonReports.walk(file, (field, node) -> {
            if (field == null) {
                targets[0]++;
                results(node, artifact[0], null, sink, counts);
                return;
            }
            switch (field) {
                case "ArtifactName" -> artifact[0] = node.asText(null);
                case "ClusterName" -> cluster[0] = node.asText(null);
                case "Results" -> node.forEach(result -> {
                    targets[0]++;
                    results(result, artifact[0], null, sink, counts);
                });
                case "Resources", "Vulnerabilities", "Misconfigurations" -> node.forEach(resource -> {
                    targets[0]++;
                    String identity = JsonReports.text(resource, "Kind") + "/" + JsonReports.text(resource, "Namespace") + "/"
                            + JsonReports.text(resource, "Name");
                    JsonReports.array(resource, "Results").forEach(result -> results(result, cluster[0], identity, sink, counts));
                });
                default -> {
                    // Metadata, SchemaVersion, Trivy version...: nothing to import.
                }
            }
        });
        return new ParseSummary(counts[0], counts[1], targets[0] > 0);
    }

    /** One target's findings; {@code k8sResource} is kind/namespace/name for trivy k8s, else null. */
    private static void results(JsonNode result, String scope, String k8sResource, Consumer<NormalizedFinding> sink, long[] counts) {
        String target = JsonReports.text(result, "Target");
        String namespace = k8sResource == null ? null : k8sResource.split("/", 3)[1];
        for (JsonNode v : JsonReports.array(result, "Vulnerabilities")) {
            String pkg = JsonReports.text(v, "PkgName");
            String resource = (k8sResource != null ? k8sResource : target) + "#" + pkg + "@" + JsonReports.text(v, "InstalledVersion");
            sink.accept(NormalizedFinding.of("trivy", JsonReports.text(v, "VulnerabilityID"),
                    SeverityMapping.of(JsonReports.text(v, "Severity"), Severity.INFO),
                    JsonReports.firstNonBlank(JsonReports.text(v, "Title"), pkg + ": " + JsonReports.text(v, "VulnerabilityID")),
                    JsonReports.text(v, "Description"),
                    fixedVersion(v), k8sResource != null ? "kubernetes" : null, scope, null, namespace, "package", resource, Map.of()));
            counts[0]++;
        }
        for (JsonNode m : JsonReports.array(result, "Misconfigurations")) {
            if (!"FAIL".equalsIgnoreCase(JsonReports.text(m, "Status"))) {
                counts[1]++;
                continue;
            }
            String line = JsonReports.text(m, "CauseMetadata", "StartLine");
            String resource = k8sResource != null ? k8sResource : target + (line == null ? "" : ":" + line);
            sink.accept(NormalizedFinding.of("trivy", JsonReports.firstNonBlank(JsonReports.text(m, "ID"), JsonReports.text(m, "AVDID")),
                    SeverityMapping.of(JsonReports.text(m, "Severity"), Severity.INFO),
                    JsonReports.text(m, "Title"), JsonReports.text(m, "Description"), JsonReports.text(m, "Resolution"),
                    k8sResource != null ? "kubernetes" : null, scope, null, namespace,
                    k8sResource != null ? k8sResource.split("/", 2)[0] : "file", resource, Map.of()));
            counts[0]++;
        }
        for (JsonNode s : JsonReports.array(result, "Secrets")) {
            // Match and Code hold the secret itself: only its rule, file and line are kept.
            String resource = (k8sResource != null ? k8sResource + ":" : "") + target + ":" + JsonReports.text(s, "StartLine");
            sink.accept(NormalizedFinding.of("trivy", JsonReports.text(s, "RuleID"),
                    SeverityMapping.of(JsonReports.text(s, "Severity"), Severity.HIGH),
                    JsonReports.text(s, "Title"), "A secret (" + JsonReports.text(s, "Category") + ") is stored in this file.",
                    "Remove the secret from the file and its history, and rotate it.",
                    null, scope, null, namespace, "secret-in-file", resource, Map.of()));
            counts[0]++;
        }
    }

    private static String fixedVersion(JsonNode v) {
        String fixed = JsonReports.text(v, "FixedVersion");
        return fixed == null || fixed.isBlank() ? null : "Upgrade " + JsonReports.text(v, "PkgName") + " to " + fixed;
    }
}
