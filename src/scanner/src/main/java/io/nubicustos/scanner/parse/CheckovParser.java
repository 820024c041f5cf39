package io.nubicustos.scanner.parse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.nubicustos.api.v1alpha1.common.Severity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.finding.SeverityMapping;

/** Checkov {@code -o json}: one framework's report object, or an array of them. Failed checks become findings on file:line. */
public final class CheckovParser implements ReportParser {

    @Override
    public ReportFormat format() {
        return ReportFormat.CHECKOV_JSON;
    }

    @Override
    public ParseSummary parse(Path file, Consumer<NormalizedFinding> sink) throws ReportException {
        long[] counts = new long[2];
        String[] checkType = { null };
        JsonReports.walk(file, (field, node) -> {
            if (field == null) {
                report(JsonReports.text(node, "check_type"), node.get("results"), sink, counts);
            } else if (field.equals("check_type")) {
                checkType[0] = node.asText();
            } else if (field.equals("results")) {
                report(checkType[0], node, sink, counts);
            }
        });
        return new ParseSummary(counts[0], counts[1]);
    }

    private static void report(String checkType, JsonNode results, Consumer<NormalizedFinding> sink, long[] counts) {
        if (results == null) {
            return;
        }
        counts[1] += JsonReports.array(results, "passed_checks").size();
        for (JsonNode check : JsonReports.array(results, "failed_checks")) {
            String line = check.path("file_line_range").path(0).asText("");
            String resource = JsonReports.text(check, "file_path") + (line.isEmpty() ? "" : ":" + line) + "#"
                    + JsonReports.text(check, "resource");
            String guideline = JsonReports.text(check, "guideline");
            sink.accept(NormalizedFinding.of("checkov", JsonReports.text(check, "check_id"),
                    SeverityMapping.of(JsonReports.text(check, "severity"), Severity.MEDIUM),
                    JsonReports.text(check, "check_name"), null, guideline == null ? null : "See " + guideline,
                    checkType, null, null, null, checkType == null ? "iac" : checkType, resource,
                    JsonReports.text(check, "bc_check_id") == null ? Map.of()
                            : Map.of("Prisma-Cloud", List.of(JsonReports.text(check, "bc_check_id")))));
            counts[0]++;
        }
    }
}
