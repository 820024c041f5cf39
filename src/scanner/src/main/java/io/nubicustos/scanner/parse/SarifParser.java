package io.nubicustos.scanner.parse;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.nubicustos.api.v1alpha1.common.Severity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.finding.SeverityMapping;

/** SARIF 2.1.0 from any tool: a finding per result, on its first location (file:line), named after the run's tool. */
public final class SarifParser implements ReportParser {

    @Override
    public ReportFormat format() {
        return ReportFormat.SARIF;
    }

    @Override
    public ParseSummary parse(Path file, Consumer<NormalizedFinding> sink) throws ReportException {
        long[] counts = new long[2];
        boolean[] statesClean = { false };
        JsonReports.walk(file, (field, node) -> {
            if (!"runs".equals(field)) {
                return;
            }
            for (JsonNode run : node) {
                String tool = JsonReports.text(run, "tool", "driver", "name");
                tool = tool == null ? "sarif" : tool.toLowerCase(Locale.ROOT);
                // SARIF 2.1.0 3.14.23: results is an empty array when the tool ran and found nothing,
                // and absent or null when it did not run or failed.
                statesClean[0] |= run.path("results").isArray();
                for (JsonNode result : JsonReports.array(run, "results")) {
                    JsonNode location = result.path("locations").path(0).path("physicalLocation");
                    String uri = JsonReports.text(location, "artifactLocation", "uri");
                    String line = JsonReports.text(location, "region", "startLine");
                    String resource = (uri == null ? "(no location)" : uri) + (line == null ? "" : ":" + line);
                    String rule = JsonReports.text(result, "ruleId");
                    // A message may quote what was found (a secret, for a secret scanner): only the rule is kept.
                    sink.accept(NormalizedFinding.of(tool, rule == null ? "unknown-rule" : rule,
                            SeverityMapping.of(JsonReports.text(result, "level"), Severity.MEDIUM), rule, null, null, null, null,
                            null, null, "file", resource, Map.of()));
                    counts[0]++;
                }
            }
        });
        return new ParseSummary(counts[0], counts[1], statesClean[0]);
    }
}
