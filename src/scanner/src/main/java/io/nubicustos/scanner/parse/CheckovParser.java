package io.nubicustos.scanner.parse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.finding.SeverityMapping;

/**
 * Checkov {@code -o json}: one framework's report object, or an array of them. Failed checks become
 * findings on file:line. When Checkov finds nothing to scan it writes only its summary,
 * {@code {"passed":0,"failed":0,"skipped":0,"parsing_errors":0,"resource_count":0,"checkov_version":"..."}}:
 * a report with no findings (whether it can stand for a scan is {@link ReportContent}'s to say).
 * A check skipped by a {@code checkov:skip} comment or {@code --skip-check} (the report's
 * {@code skipped_checks}, or a summary's {@code skipped}) is suppressed, counted and not a finding.
 */
public final class CheckovParser implements ReportParser {

    @Override
    public ReportFormat format() {
        return ReportFormat.CHECKOV_JSON;
    }

    @Override
    public ParseSummary parse(Path file, Consumer<NormalizedFinding> sink) throws ReportException {
        long[] counts = new long[4];
        String[] checkType = { null };
        JsonReports.walk(file, (field, node) -> {
            if (field == null) {
                report(JsonReports.text(node, "check_type"), node.get("results"), sink, counts);
                if (!node.has("results")) { // the summary-only form as an element of the array
                    summary(file, node.path("passed"), node.path("failed"), counts);
                    counts[3] += Math.max(0, node.path("skipped").asLong(0));
                }
            } else if (field.equals("check_type")) {
                checkType[0] = node.asText();
            } else if (field.equals("results")) {
                report(checkType[0], node, sink, counts);
            } else if (field.equals("passed")) {
                summary(file, node, null, counts);
            } else if (field.equals("failed")) {
                summary(file, null, node, counts);
            } else if (field.equals("skipped")) {
                counts[3] += Math.max(0, node.asLong(0));
            }
        });
        return ParseSummary.of(counts);
    }

    /**
     * A summary without results: its passed checks count as passed; failed checks it counts but
     * does not list would be findings lost, so such a report is refused rather than read as clean.
     */
    private static void summary(Path file, JsonNode passed, JsonNode failed, long[] counts) throws ReportException {
        if (passed != null && passed.canConvertToLong()) {
            counts[1] += Math.max(0, passed.asLong());
        }
        if (failed != null && failed.asLong(0) > 0) {
            throw new ReportException(file, "is a Checkov summary that counts " + failed.asLong() + " failed checks but lists none", null);
        }
    }

    private static void report(String checkType, JsonNode results, Consumer<NormalizedFinding> sink, long[] counts) {
        if (results == null) {
            return;
        }
        counts[1] += JsonReports.array(results, "passed_checks").size();
        counts[3] += JsonReports.array(results, "skipped_checks").size();
        for (JsonNode check : JsonReports.array(results, "failed_checks")) {
            if (JsonReports.text(check, "check_id") == null) {
                counts[2]++; // a failed check that names no check: skipped and counted, never a crash
                continue;
            }
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
