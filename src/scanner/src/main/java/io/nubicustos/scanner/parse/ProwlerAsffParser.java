package io.nubicustos.scanner.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.nubicustos.api.v1alpha1.common.Severity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.finding.SeverityMapping;

/**
 * Prowler's AWS Security Finding Format output: FAILED compliance status becomes a finding; the
 * check id is the GeneratorId without its {@code prowler-} prefix, so it aliases like the other
 * Prowler formats.
 */
public final class ProwlerAsffParser implements ReportParser {

    @Override
    public ReportFormat format() {
        return ReportFormat.PROWLER_ASFF;
    }

    @Override
    public ParseSummary parse(Path file, Consumer<NormalizedFinding> sink) throws ReportException {
        long[] counts = new long[2];
        JsonReports.walk(file, (field, node) -> {
            if (field != null) {
                throw new ReportException(file, "is a JSON object, not an ASFF array", null);
            }
            if (!"FAILED".equalsIgnoreCase(JsonReports.text(node, "Compliance", "Status"))) {
                counts[1]++;
                return;
            }
            String generator = JsonReports.text(node, "GeneratorId");
            String check = generator != null && generator.startsWith("prowler-") ? generator.substring("prowler-".length()) : generator;
            JsonNode resource = JsonReports.array(node, "Resources").stream().findFirst().orElse(null);
            sink.accept(NormalizedFinding.of("prowler", check,
                    SeverityMapping.of(JsonReports.text(node, "Severity", "Label"), Severity.INFO),
                    JsonReports.text(node, "Title"), JsonReports.text(node, "Description"),
                    JsonReports.text(node, "Remediation", "Recommendation", "Text"),
                    "aws", JsonReports.text(node, "AwsAccountId"), resource == null ? null : JsonReports.text(resource, "Region"), null,
                    resource == null ? null : JsonReports.text(resource, "Type"),
                    resource == null ? JsonReports.text(node, "Id") : JsonReports.text(resource, "Id"),
                    requirements(node.path("Compliance").get("RelatedRequirements"))));
            counts[0]++;
        });
        return new ParseSummary(counts[0], counts[1]);
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
