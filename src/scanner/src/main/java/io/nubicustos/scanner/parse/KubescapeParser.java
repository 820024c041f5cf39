package io.nubicustos.scanner.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.finding.KubernetesIdentity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.finding.SeverityMapping;

/**
 * Kubescape {@code --format json}: a finding per failed control per resource. Severities live in
 * {@code summaryDetails}, which comes after the results, so the file is streamed twice: once for
 * the (small) control table, once for the results.
 */
public final class KubescapeParser implements ReportParser {

    @Override
    public ReportFormat format() {
        return ReportFormat.KUBESCAPE_JSON;
    }

    @Override
    public ParseSummary parse(Path file, Consumer<NormalizedFinding> sink) throws ReportException {
        Map<String, Double> scoreFactors = new HashMap<>();
        String[] cluster = { null };
        JsonReports.walk(file, (field, node) -> {
            if ("summaryDetails".equals(field)) {
                node.path("controls").fields().forEachRemaining(e -> scoreFactors.put(e.getKey(), e.getValue().path("scoreFactor").asDouble(0)));
            } else if ("clusterName".equals(field)) {
                cluster[0] = node.asText(null);
            }
        });
        long[] counts = new long[3];
        JsonReports.walk(file, (field, node) -> {
            if (!"results".equals(field)) {
                return;
            }
            for (JsonNode result : node) {
                String[] parts = JsonReports.text(result, "resourceID") == null ? new String[0]
                        : JsonReports.text(result, "resourceID").split("/", -1);
                String kind = parts.length >= 2 ? parts[parts.length - 2] : "Unknown";
                String name = parts.length >= 1 ? parts[parts.length - 1] : "unknown";
                String namespace = parts.length >= 3 && !parts[parts.length - 3].isEmpty() ? parts[parts.length - 3] : null;
                for (JsonNode control : JsonReports.array(result, "controls")) {
                    if (!failed(control)) {
                        counts[1]++;
                        continue;
                    }
                    String id = JsonReports.text(control, "controlID");
                    if (id == null || id.isBlank()) {
                        counts[2]++;
                        continue;
                    }
                    Double factor = scoreFactors.get(id);
                    Severity severity = factor == null ? Severity.MEDIUM : SeverityMapping.ofScore(factor);
                    sink.accept(NormalizedFinding.of("kubescape", id, severity, JsonReports.text(control, "name"), null,
                            fixes(control), "kubernetes", cluster[0], null, namespace, kind,
                            KubernetesIdentity.of(kind, namespace, name),
                            id.startsWith("CIS-") ? Map.of("CIS-Kubernetes", List.of(id.substring(4))) : Map.of())
                            .at(paths(control)));
                    counts[0]++;
                }
            }
        });
        return ParseSummary.of(counts);
    }

    /** The fields of the object that fail the control (failedPath, fixPath, reviewPath, deletePath; v1 wrote failedPaths). */
    private static List<String> paths(JsonNode control) {
        List<String> places = new ArrayList<>();
        for (JsonNode rule : JsonReports.array(control, "rules")) {
            for (JsonNode path : JsonReports.array(rule, "paths")) {
                for (String field : PATH_FIELDS) {
                    JsonNode value = path.get(field);
                    String text = value == null ? null : value.isObject() ? JsonReports.text(value, "path") : value.asText(null);
                    if (text != null && !text.isBlank()) {
                        places.add(text);
                    }
                }
            }
            for (JsonNode path : JsonReports.array(rule, "failedPaths")) {
                places.add(path.asText(""));
            }
        }
        return places;
    }

    private static final List<String> PATH_FIELDS = List.of("failedPath", "fixPath", "reviewPath", "deletePath");

    private static boolean failed(JsonNode control) {
        String status = JsonReports.text(control, "status", "status");
        if (status != null) {
            return "failed".equalsIgnoreCase(status);
        }
        return JsonReports.array(control, "rules").stream().anyMatch(r -> "failed".equalsIgnoreCase(JsonReports.text(r, "status")));
    }

    private static String fixes(JsonNode control) {
        StringBuilder fix = new StringBuilder();
        for (JsonNode rule : JsonReports.array(control, "rules")) {
            for (JsonNode path : JsonReports.array(rule, "paths")) {
                String field = JsonReports.text(path, "fixPath", "path");
                if (field != null) {
                    fix.append(fix.length() == 0 ? "Set " : "; ").append(field).append(" = ").append(JsonReports.text(path, "fixPath", "value"));
                }
            }
        }
        return fix.length() == 0 ? null : fix.toString();
    }
}
