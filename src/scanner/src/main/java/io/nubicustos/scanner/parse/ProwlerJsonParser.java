package io.nubicustos.scanner.parse;

import java.nio.file.Path;
import java.util.function.Consumer;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.finding.SeverityMapping;

/** Prowler v3 native JSON ({@code -M json}): an array of results; FAIL becomes a finding. */
public final class ProwlerJsonParser implements ReportParser {

    @Override
    public ReportFormat format() {
        return ReportFormat.PROWLER_JSON;
    }

    @Override
    public ParseSummary parse(Path file, Consumer<NormalizedFinding> sink) throws ReportException {
        long[] counts = new long[3];
        JsonReports.walk(file, (field, node) -> {
            if (field != null) {
                throw new ReportException(file, "is a JSON object, not Prowler's result array", null);
            }
            if (!"FAIL".equalsIgnoreCase(JsonReports.text(node, "Status"))) {
                counts[1]++;
                return;
            }
            String arn = JsonReports.text(node, "ResourceArn");
            String resource = JsonReports.firstNonBlank(arn, JsonReports.text(node, "ResourceId"));
            String check = JsonReports.text(node, "CheckID");
            if (check == null || check.isBlank() || resource == null || resource.isBlank()) {
                counts[2]++;
                return;
            }
            sink.accept(NormalizedFinding.of("prowler", check,
                    SeverityMapping.of(JsonReports.text(node, "Severity"), Severity.INFO),
                    JsonReports.text(node, "CheckTitle"),
                    JsonReports.text(node, "Risk"),
                    JsonReports.text(node, "Remediation", "Recommendation", "Text"),
                    JsonReports.text(node, "Provider"), JsonReports.text(node, "AccountId"), JsonReports.text(node, "Region"), null,
                    JsonReports.text(node, "ResourceType"), resource, JsonReports.compliance(node.get("Compliance")))
                    .at(Places.regional(JsonReports.text(node, "Region"), JsonReports.text(node, "StatusExtended"))));
            counts[0]++;
        });
        return ParseSummary.of(counts);
    }
}
