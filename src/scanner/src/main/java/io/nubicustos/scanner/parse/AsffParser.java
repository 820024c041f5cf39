package io.nubicustos.scanner.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.finding.SeverityMapping;

/**
 * The AWS Security Finding Format (ASFF) from whichever product wrote it, in the three shapes ASFF
 * files take: a bare array of findings (Prowler {@code -M json-asff}); the {@code {"Findings": [...]}}
 * object of Security Hub's GetFindings response and BatchImportFindings request; and one finding per
 * line. Producers:
 * Prowler ({@code -M json-asff}), Security Hub, Inspector, GuardDuty, Macie, Trivy's ASFF template
 * and others. The producer is the one {@code ProductName}, else {@code ProductArn}
 * ({@code ...:product/<company>/<product>}) names; Prowler's findings keep tool {@code prowler}
 * and their check id is the GeneratorId without its {@code prowler-} prefix, so they alias like
 * the other Prowler formats.
 *
 * <p>An ASFF finding that is archived ({@code RecordState} ARCHIVED) or resolved
 * ({@code Workflow.Status}, or the older {@code WorkflowState}, RESOLVED) is not a failure and
 * counts as skipped; one SUPPRESSED counts as suppressed. Otherwise a compliance check's {@code Compliance.Status} decides
 * (FAILED a finding; PASSED, WARNING, NOT_AVAILABLE and Prowler's INFOED passed or manual), and a
 * finding without compliance (a CVE, a threat) is a finding. The check id of a vulnerability is its
 * CVE ({@code Vulnerabilities[].Id}, one finding per vulnerability), else the GeneratorId. Severity
 * is {@code Severity.Label}, else {@code Severity.Normalized} by the ASFF ranges.
 */
public final class AsffParser implements ReportParser {

    @Override
    public ReportFormat format() {
        return ReportFormat.ASFF;
    }

    @Override
    public ParseSummary parse(Path file, Consumer<NormalizedFinding> sink) throws ReportException {
        long[] counts = new long[4];
        JsonReports.objects(file, "Findings", (field, node) -> {
            if (!node.has("Id") && !node.has("ProductArn") && !node.has("GeneratorId")) {
                counts[2]++; // not an ASFF finding at all
                return;
            }
            String workflow = JsonReports.firstNonBlank(JsonReports.text(node, "Workflow", "Status"), JsonReports.text(node, "WorkflowState"));
            if ("ARCHIVED".equalsIgnoreCase(JsonReports.text(node, "RecordState")) || "RESOLVED".equalsIgnoreCase(workflow)) {
                counts[2]++;
                return;
            }
            if ("SUPPRESSED".equalsIgnoreCase(workflow)) {
                counts[3]++;
                return;
            }
            String compliance = JsonReports.text(node, "Compliance", "Status");
            if (compliance != null && !"FAILED".equalsIgnoreCase(compliance)) {
                counts[1]++;
                return;
            }
            counts[0] += emit(node, sink);
        });
        return ParseSummary.of(counts);
    }

    /** The finding, or one per vulnerability it lists; how many were handed on. */
    private static int emit(JsonNode node, Consumer<NormalizedFinding> sink) {
        boolean prowler = isProwler(node);
        String tool = prowler ? "prowler" : producer(node);
        String generator = JsonReports.text(node, "GeneratorId");
        String check = prowler && generator != null && generator.startsWith("prowler-") ? generator.substring("prowler-".length())
                : JsonReports.firstNonBlank(generator, JsonReports.firstNonBlank((node.path("Types").path(0).isTextual() ? node.path("Types").path(0).asText() : null),
                        JsonReports.firstNonBlank(JsonReports.text(node, "Id"), "unknown-check")));
        List<String> checks = new ArrayList<>();
        for (JsonNode vulnerability : JsonReports.array(node, "Vulnerabilities")) {
            String id = JsonReports.text(vulnerability, "Id");
            if (id != null && !id.isBlank()) {
                checks.add(id);
            }
        }
        if (checks.isEmpty()) {
            checks.add(check);
        }
        JsonNode resource = JsonReports.array(node, "Resources").stream().findFirst().orElse(null);
        String region = JsonReports.firstNonBlank(resource == null ? null : JsonReports.text(resource, "Region"), JsonReports.text(node, "Region"));
        String resourceId = JsonReports.firstNonBlank(resource == null ? null : JsonReports.text(resource, "Id"),
                JsonReports.firstNonBlank(JsonReports.text(node, "Id"), "(no resource)"));
        for (String checkId : checks) {
            sink.accept(NormalizedFinding.of(tool, checkId, severity(node.path("Severity")), JsonReports.text(node, "Title"),
                    JsonReports.text(node, "Description"), JsonReports.text(node, "Remediation", "Recommendation", "Text"), "aws",
                    JsonReports.text(node, "AwsAccountId"), region, null, resource == null ? null : JsonReports.text(resource, "Type"),
                    resourceId, requirements(node.path("Compliance").get("RelatedRequirements")))
                    .at(furtherResources(node)));
        }
        return checks.size();
    }

    /** Resources[] beyond the first, which names the finding: one finding may be on many. */
    private static List<String> furtherResources(JsonNode node) {
        List<JsonNode> resources = JsonReports.array(node, "Resources");
        List<String> places = new ArrayList<>();
        for (JsonNode resource : resources.subList(Math.min(1, resources.size()), resources.size())) {
            String id = JsonReports.text(resource, "Id");
            if (id != null) {
                places.add(id);
            }
        }
        return places;
    }

    private static boolean isProwler(JsonNode node) {
        String arn = JsonReports.text(node, "ProductArn");
        String generator = JsonReports.text(node, "GeneratorId");
        return (arn != null && arn.endsWith("/prowler/prowler")) || "Prowler".equalsIgnoreCase(JsonReports.text(node, "ProductFields", "ProviderName"))
                || (arn == null && generator != null && generator.startsWith("prowler-"));
    }

    /** "Inspector" → inspector, "Security Hub" → security-hub; else the product of the ProductArn; else asff. */
    private static String producer(JsonNode node) {
        String name = JsonReports.firstNonBlank(JsonReports.text(node, "ProductName"),
                JsonReports.text(node, "ProductFields", "aws/securityhub/ProductName"));
        if (name == null) {
            String arn = JsonReports.text(node, "ProductArn");
            int slash = arn == null ? -1 : arn.lastIndexOf('/');
            name = slash < 0 ? null : arn.substring(slash + 1);
        }
        String slug = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "asff" : slug.length() > 63 ? slug.substring(0, 63) : slug;
    }

    /** Label first; the deprecated Normalized score (0-100) by the ASFF ranges when there is no label. */
    private static Severity severity(JsonNode severity) {
        String label = JsonReports.text(severity, "Label");
        if (label != null) {
            return SeverityMapping.of(label, Severity.INFO);
        }
        JsonNode normalized = severity.path("Normalized");
        if (normalized.isNumber()) {
            int n = normalized.asInt();
            return n >= 90 ? Severity.CRITICAL : n >= 70 ? Severity.HIGH : n >= 40 ? Severity.MEDIUM : n >= 1 ? Severity.LOW : Severity.INFO;
        }
        return Severity.INFO;
    }

    /** "CIS-1.5 1.20" → CIS-1.5: [1.20]. */
    private static Map<String, List<String>> requirements(JsonNode related) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (related != null) {
            related.forEach(r -> {
                String text = r.asText();
                int space = text.indexOf(' ');
                String framework = space < 0 ? text : text.substring(0, space);
                map.computeIfAbsent(framework, k -> new ArrayList<>()).add(space < 0 ? "" : text.substring(space + 1));
            });
        }
        return map;
    }
}
