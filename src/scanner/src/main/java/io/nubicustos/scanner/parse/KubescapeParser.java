package io.nubicustos.scanner.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.nubicustos.model.finding.KubernetesIdentity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.finding.SeverityMapping;

/**
 * Kubescape {@code --format json}: a finding per failed control per resource, in both layouts.
 *
 * <ul>
 * <li>v2 and later: {@code results[].controls[]} per resource, with severities in
 * {@code summaryDetails}, which comes after the results, so the file is streamed twice: once for
 * the (small) control table, once for the results. A control passed by an exception (status
 * {@code passed}, subStatus {@code w/exceptions}; {@code excluded} before) is suppressed.
 * <li>v1: framework reports ({@code name}, {@code controlReports[].ruleReports[].ruleResponses[]})
 * as a bare array, or under {@code frameworks} of a posture report. Each rule response is an
 * alert on the objects of its {@code alertObject.k8sApiObjects}; one with an {@code exception} is
 * suppressed. The severity is the control's {@code baseScore}; a control without any alert counts
 * as passed. A control listed by two frameworks gives the same finding twice, which the run summary
 * counts as a repeat.
 * </ul>
 */
public final class KubescapeParser implements ReportParser {

    private static final List<String> PATH_FIELDS = List.of("failedPath", "fixPath", "reviewPath", "deletePath");

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
        long[] counts = new long[4];
        JsonReports.walk(file, (field, node) -> {
            if (field == null) {
                framework(node, cluster[0], sink, counts);
            } else if ("frameworks".equals(field)) {
                node.forEach(framework -> framework(framework, cluster[0], sink, counts));
            } else if ("results".equals(field)) {
                node.forEach(result -> result(result, scoreFactors, cluster[0], sink, counts));
            }
        });
        return ParseSummary.of(counts);
    }

    /** v2: one resource's controls. */
    private static void result(JsonNode result, Map<String, Double> scoreFactors, String cluster, Consumer<NormalizedFinding> sink,
            long[] counts) {
        String[] parts = JsonReports.text(result, "resourceID") == null ? new String[0]
                : JsonReports.text(result, "resourceID").split("/", -1);
        String kind = parts.length >= 2 ? parts[parts.length - 2] : "Unknown";
        String name = parts.length >= 1 ? parts[parts.length - 1] : "unknown";
        String namespace = parts.length >= 3 && !parts[parts.length - 3].isEmpty() ? parts[parts.length - 3] : null;
        for (JsonNode control : JsonReports.array(result, "controls")) {
            if (excepted(control)) {
                counts[3]++;
                continue;
            }
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
            sink.accept(finding(id, factor == null ? Severity.MEDIUM : SeverityMapping.ofScore(factor), JsonReports.text(control, "name"),
                    fixes(control), cluster, kind, namespace, name).at(paths(control)));
            counts[0]++;
        }
    }

    /** v1: one framework's control reports. */
    private static void framework(JsonNode framework, String cluster, Consumer<NormalizedFinding> sink, long[] counts) {
        for (JsonNode control : JsonReports.array(framework, "controlReports")) {
            String id = JsonReports.firstNonBlank(JsonReports.text(control, "controlID"), JsonReports.text(control, "id"));
            JsonNode score = control.path("baseScore");
            Severity severity = score.isNumber() ? SeverityMapping.ofScore(score.asDouble()) : Severity.MEDIUM;
            // One finding per control and object, however many of the control's rules alert on it.
            Set<List<String>> objects = new LinkedHashSet<>();
            boolean alerted = false;
            for (JsonNode rule : JsonReports.array(control, "ruleReports")) {
                for (JsonNode response : JsonReports.array(rule, "ruleResponses")) {
                    alerted = true;
                    List<JsonNode> alerts = JsonReports.array(response.path("alertObject"), "k8sApiObjects");
                    if (response.hasNonNull("exception")) {
                        counts[3] += Math.max(1, alerts.size());
                    } else if (id == null || alerts.isEmpty()) {
                        counts[2] += Math.max(1, alerts.size()); // nothing to name the finding or its object by
                    } else {
                        alerts.forEach(o -> objects.add(List.of(JsonReports.firstNonBlank(JsonReports.text(o, "kind"), "Unknown"),
                                JsonReports.firstNonBlank(KubernetesIdentity.namespace(JsonReports.text(o, "metadata", "namespace")), ""),
                                JsonReports.firstNonBlank(JsonReports.text(o, "metadata", "name"), "unknown"))));
                    }
                }
            }
            if (!alerted) {
                counts[1]++;
            }
            for (List<String> o : objects) {
                sink.accept(finding(id, severity, JsonReports.text(control, "name"), JsonReports.text(control, "remediation"), cluster,
                        o.get(0), o.get(1).isEmpty() ? null : o.get(1), o.get(2)));
                counts[0]++;
            }
        }
    }

    private static NormalizedFinding finding(String id, Severity severity, String title, String remediation, String cluster, String kind,
            String namespace, String name) {
        return NormalizedFinding.of("kubescape", id, severity, title, null, remediation, "kubernetes", cluster, null, namespace, kind,
                KubernetesIdentity.of(kind, namespace, name), id.startsWith("CIS-") ? Map.of("CIS-Kubernetes", List.of(id.substring(4))) : Map.of());
    }

    /** The fields of the object that fail the control: each rule's failedPath, fixPath, reviewPath and deletePath. */
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
        }
        return places;
    }

    private static boolean excepted(JsonNode control) {
        String status = JsonReports.text(control, "status", "status");
        return "excluded".equalsIgnoreCase(status)
                || ("passed".equalsIgnoreCase(status) && "w/exceptions".equalsIgnoreCase(JsonReports.text(control, "status", "subStatus")));
    }

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
