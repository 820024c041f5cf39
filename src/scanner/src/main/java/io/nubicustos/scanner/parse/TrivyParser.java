package io.nubicustos.scanner.parse;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.finding.KubernetesIdentity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.finding.SeverityMapping;

/**
 * Trivy JSON in its layouts: an image, filesystem, repository or SBOM report ({@code Results}), the
 * legacy top-level list of results, and {@code trivy k8s} with resources under {@code Resources}
 * ({@code --report all}), {@code Findings} ({@code --report summary}, the same resources merged by
 * object) or, in older versions, split into {@code Vulnerabilities}/{@code Misconfigurations}. A secret
 * finding records the file and line where the secret is, never its text.
 *
 * <p>Suppressed, counted and not findings: a misconfiguration of status EXCEPTION (a check excepted
 * by policy) and every entry of {@code ModifiedFindings} ({@code --show-suppressed}: findings a VEX
 * statement or an ignore file set aside). A misconfiguration that passed counts as passed.
 */
public final class TrivyParser implements ReportParser {

    @Override
    public ReportFormat format() {
        return ReportFormat.TRIVY_JSON;
    }

    @Override
    public ParseSummary parse(Path file, Consumer<NormalizedFinding> sink) throws ReportException {
        long[] counts = new long[4];
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
                case "Resources", "Findings", "Vulnerabilities", "Misconfigurations" -> node.forEach(resource -> {
                    targets[0]++;
                    K8sObject object = new K8sObject(JsonReports.text(resource, "Kind"),
                            KubernetesIdentity.namespace(JsonReports.text(resource, "Namespace")), JsonReports.text(resource, "Name"));
                    JsonReports.array(resource, "Results").forEach(result -> results(result, cluster[0], object, sink, counts));
                });
                default -> {
                    // Metadata, SchemaVersion, Trivy version...: nothing to import.
                }
            }
        });
        return new ParseSummary(counts[0], counts[1], targets[0] > 0, counts[2], counts[3]);
    }

    /** A resource of {@code trivy k8s}: one identity with the built-in audit's ({@link KubernetesIdentity}). */
    private record K8sObject(String kind, String namespace, String name) {

        String identity() {
            return KubernetesIdentity.of(kind, namespace, name);
        }

        String kindOrUnknown() {
            return kind == null || kind.isBlank() ? "Unknown" : kind;
        }
    }

    /**
     * One target's findings; {@code k8s} is the Kubernetes object for trivy k8s, else null. An entry
     * may lack fields (older Trivy, the legacy list): a vulnerability without an id is named after its
     * package and version, a missing severity is UNKNOWN (info, see SeverityMapping); an entry with
     * nothing to name it by is skipped and counted in {@code counts[2]}. A vulnerability found by an
     * SBOM scan may name its package only by {@code PkgIdentifier.PURL} or {@code PkgID}.
     */
    private static void results(JsonNode result, String scope, K8sObject k8s, Consumer<NormalizedFinding> sink, long[] counts) {
        String target = JsonReports.firstNonBlank(JsonReports.text(result, "Target"), JsonReports.firstNonBlank(scope, "unknown-target"));
        String namespace = k8s == null ? null : k8s.namespace();
        String provider = k8s != null ? "kubernetes" : null;
        counts[3] += JsonReports.array(result, "ModifiedFindings").size();
        for (JsonNode v : JsonReports.array(result, "Vulnerabilities")) {
            String pkg = blankToNull(JsonReports.text(v, "PkgName"));
            String version = blankToNull(JsonReports.text(v, "InstalledVersion"));
            // A package URL or PkgID already carries the version.
            String installed = pkg != null ? pkg + (version == null ? "" : "@" + version)
                    : blankToNull(JsonReports.firstNonBlank(JsonReports.text(v, "PkgIdentifier", "PURL"), JsonReports.text(v, "PkgID")));
            String id = JsonReports.firstNonBlank(JsonReports.text(v, "VulnerabilityID"), installed);
            if (id == null) {
                counts[2]++;
                continue;
            }
            String resource = (k8s != null ? k8s.identity() : target) + "#" + (installed == null ? "unknown-package" : installed);
            sink.accept(NormalizedFinding.of("trivy", id,
                    SeverityMapping.of(JsonReports.text(v, "Severity"), Severity.INFO),
                    JsonReports.firstNonBlank(JsonReports.text(v, "Title"), (installed == null ? "" : JsonReports.firstNonBlank(pkg, installed) + ": ") + id),
                    JsonReports.text(v, "Description"),
                    fixedVersion(v), provider, scope, null, namespace, "package", resource, Map.of())
                    // One package at several paths (two copies of a jar in an image) is one finding with each path.
                    .at(JsonReports.text(v, "PkgPath")));
            counts[0]++;
        }
        for (JsonNode m : JsonReports.array(result, "Misconfigurations")) {
            String status = JsonReports.text(m, "Status");
            if ("EXCEPTION".equalsIgnoreCase(status)) {
                counts[3]++;
                continue;
            }
            if (!"FAIL".equalsIgnoreCase(status)) {
                counts[1]++;
                continue;
            }
            String id = JsonReports.firstNonBlank(JsonReports.text(m, "ID"), blankToNull(JsonReports.text(m, "AVDID")));
            if (id == null) {
                counts[2]++;
                continue;
            }
            String line = JsonReports.text(m, "CauseMetadata", "StartLine");
            String resource = k8s != null ? k8s.identity() : target + (line == null ? "" : ":" + line);
            sink.accept(NormalizedFinding.of("trivy", id,
                    SeverityMapping.of(JsonReports.text(m, "Severity"), Severity.INFO),
                    JsonReports.text(m, "Title"), JsonReports.text(m, "Description"), JsonReports.text(m, "Resolution"),
                    provider, scope, null, namespace, k8s != null ? k8s.kindOrUnknown() : "file", resource, Map.of()));
            counts[0]++;
        }
        for (JsonNode s : JsonReports.array(result, "Secrets")) {
            String rule = blankToNull(JsonReports.text(s, "RuleID"));
            if (rule == null) {
                counts[2]++;
                continue;
            }
            // Match and Code hold the secret itself: only its rule, file and line are kept.
            String line = JsonReports.text(s, "StartLine");
            String resource = (k8s != null ? k8s.identity() + ":" : "") + target + (line == null ? "" : ":" + line);
            String category = JsonReports.text(s, "Category");
            sink.accept(NormalizedFinding.of("trivy", rule,
                    SeverityMapping.of(JsonReports.text(s, "Severity"), Severity.HIGH),
                    JsonReports.text(s, "Title"), "A secret" + (category == null ? "" : " (" + category + ")") + " is stored in this file.",
                    "Remove the secret from the file and its history, and rotate it.",
                    null, scope, null, namespace, "secret-in-file", resource, Map.of()));
            counts[0]++;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String fixedVersion(JsonNode v) {
        String fixed = JsonReports.text(v, "FixedVersion");
        String pkg = JsonReports.text(v, "PkgName");
        return fixed == null || fixed.isBlank() ? null : "Upgrade " + (pkg == null ? "the package" : pkg) + " to " + fixed;
    }
}
