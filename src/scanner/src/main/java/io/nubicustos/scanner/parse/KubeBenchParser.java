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
 * kube-bench {@code --json}, as {@code {"Controls": [...], "Totals": {...}}} or a bare list of
 * controls. Only a FAIL result is a finding, on the node. kube-bench writes WARN for a check it
 * cannot decide (a manual check, or an audit that could not run) and INFO for a check its benchmark
 * skips: neither is a failure, and both count with PASS as not failed, so the findings match
 * kube-bench's own {@code total_fail}.
 */
public final class KubeBenchParser implements ReportParser {

    @Override
    public ReportFormat format() {
        return ReportFormat.KUBE_BENCH_JSON;
    }

    @Override
    public ParseSummary parse(Path file, Consumer<NormalizedFinding> sink) throws ReportException {
        long[] counts = new long[3];
        JsonReports.walk(file, (field, node) -> {
            if (field == null) {
                control(node, sink, counts);
            } else if (field.equals("Controls")) {
                node.forEach(control -> control(control, sink, counts));
            }
        });
        return ParseSummary.of(counts);
    }

    private static void control(JsonNode control, Consumer<NormalizedFinding> sink, long[] counts) {
        String version = JsonReports.text(control, "version");
        String nodeType = JsonReports.text(control, "node_type");
        for (JsonNode section : JsonReports.array(control, "tests")) {
            for (JsonNode result : JsonReports.array(section, "results")) {
                String status = JsonReports.text(result, "status");
                if (!"FAIL".equalsIgnoreCase(status)) {
                    counts[1]++;
                    continue;
                }
                String id = JsonReports.text(result, "test_number");
                if (id == null || id.isBlank()) {
                    counts[2]++;
                    continue;
                }
                sink.accept(NormalizedFinding.of("kube-bench", id, SeverityMapping.of(status, Severity.HIGH),
                        JsonReports.text(result, "test_desc"), JsonReports.text(result, "reason"),
                        JsonReports.text(result, "remediation"), "kubernetes", null, null, null, "node",
                        "node/" + (nodeType == null ? "unknown" : nodeType) + "/" + id,
                        Map.of("CIS-Kubernetes-" + (version == null ? "" : version), List.of(id))));
                counts[0]++;
            }
        }
    }
}
