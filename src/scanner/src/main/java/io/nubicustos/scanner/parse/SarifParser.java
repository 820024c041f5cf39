package io.nubicustos.scanner.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.finding.SeverityMapping;

/**
 * SARIF 2.1.0 from any tool: a finding per failed result, on its first location (file:line),
 * named after the run's tool and described by the result's rule.
 *
 * <ul>
 * <li>Only a result of {@code kind} {@code fail} (the default when absent, 3.27.9) is a finding;
 * {@code pass} counts as passed; {@code notApplicable}, {@code informational}, {@code review} and
 * {@code open} are neither and count as skipped.
 * <li>A failed result with a suppression (3.27.23, 3.35) whose {@code status} is {@code accepted}
 * or absent (which means accepted) is suppressed, counted and not a finding: in source (a
 * {@code nosemgrep} comment) or external. A suppression {@code underReview} or {@code rejected}
 * suppresses nothing: the result stays a finding.
 * <li>The rule is the one {@code rule.index} / {@code ruleIndex} (3.27.6) points at in the tool
 * component the result names ({@code rule.toolComponent}, 3.52.7: an entry of
 * {@code tool.extensions}, 3.18.3), else the driver; failing that, the rule whose id is
 * {@code ruleId} (3.27.5), in the driver's rules and then every extension's.
 * <li>The level is the result's {@code level}, else the rule's
 * {@code defaultConfiguration.level} (3.49.14, 3.50.3), else {@code warning} (3.27.10). A rule's
 * {@code properties.security-severity}, the CVSS score CodeQL and GitHub code scanning put on
 * security rules, takes precedence: 9 and above critical, 7 high, 4 medium, below that low.
 * A result's {@code rank} (3.27.20) is not used: producers scale it differently (flawfinder writes
 * 0 to 1 for its hit levels, the specification 0 to 100) and all of them also write a level.
 * <li>The title is the rule's {@code shortDescription}, else its {@code name}, else the first line
 * of the result's message, else the rule id.
 * </ul>
 */
public final class SarifParser implements ReportParser {

    /** The kinds of 3.27.9 that record something other than a failure ({@code pass} is counted apart). */
    private static final Set<String> NOT_FAILED = Set.of("notApplicable", "informational", "review", "open");

    @Override
    public ReportFormat format() {
        return ReportFormat.SARIF;
    }

    @Override
    public ParseSummary parse(Path file, Consumer<NormalizedFinding> sink) throws ReportException {
        long[] counts = new long[4];
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
                Rules rules = new Rules(run.path("tool"));
                for (JsonNode result : JsonReports.array(run, "results")) {
                    String kind = JsonReports.text(result, "kind");
                    if ("pass".equals(kind)) {
                        counts[1]++;
                    } else if (kind != null && NOT_FAILED.contains(kind)) {
                        counts[2]++;
                    } else if (suppressed(result)) {
                        counts[3]++;
                    } else {
                        sink.accept(finding(tool, result, rules.of(result)));
                        counts[0]++;
                    }
                }
            }
        });
        return new ParseSummary(counts[0], counts[1], statesClean[0], counts[2], counts[3]);
    }

    /** 3.27.23, 3.35.3: at least one suppression that is accepted (the default when status is absent). */
    private static boolean suppressed(JsonNode result) {
        for (JsonNode suppression : JsonReports.array(result, "suppressions")) {
            String status = JsonReports.text(suppression, "status");
            if (suppression.isObject() && (status == null || "accepted".equals(status))) {
                return true;
            }
        }
        return false;
    }

    private static NormalizedFinding finding(String tool, JsonNode result, JsonNode rule) {
        JsonNode location = result.path("locations").path(0).path("physicalLocation");
        String uri = JsonReports.text(location, "artifactLocation", "uri");
        String line = JsonReports.text(location, "region", "startLine");
        String resource = (uri == null ? "(no location)" : uri) + (line == null ? "" : ":" + line);
        String ruleId = JsonReports.firstNonBlank(JsonReports.text(result, "ruleId"),
                JsonReports.firstNonBlank(JsonReports.text(result, "rule", "id"), JsonReports.text(rule, "id")));
        return NormalizedFinding.of(tool, ruleId == null ? "unknown-rule" : ruleId, severity(result, rule), title(result, rule, ruleId),
                JsonReports.text(rule, "fullDescription", "text"), JsonReports.text(rule, "help", "text"), null, null, null, null,
                "file", resource, Map.of()).at(furtherLocations(result));
    }

    /** §3.27.12: a result may name several places; the first is its resource, the others are kept as places. */
    private static List<String> furtherLocations(JsonNode result) {
        List<JsonNode> locations = JsonReports.array(result, "locations");
        List<String> places = new ArrayList<>();
        for (JsonNode location : locations.subList(Math.min(1, locations.size()), locations.size())) {
            JsonNode physical = location.path("physicalLocation");
            String uri = JsonReports.text(physical, "artifactLocation", "uri");
            String line = JsonReports.text(physical, "region", "startLine");
            String logical = JsonReports.text(location.path("logicalLocations").path(0), "fullyQualifiedName");
            String place = uri != null ? uri + (line == null ? "" : ":" + line) : logical;
            if (place != null) {
                places.add(place);
            }
        }
        return places;
    }

    private static Severity severity(JsonNode result, JsonNode rule) {
        Double score = securitySeverity(rule);
        if (score != null) {
            return score >= 9 ? Severity.CRITICAL : score >= 7 ? Severity.HIGH : score >= 4 ? Severity.MEDIUM : Severity.LOW;
        }
        String level = JsonReports.firstNonBlank(JsonReports.text(result, "level"),
                JsonReports.firstNonBlank(JsonReports.text(rule, "defaultConfiguration", "level"), "warning"));
        return SeverityMapping.of(level, Severity.MEDIUM);
    }

    /** The rule's CVSS score (a string in CodeQL's output, a number in some others), or null. */
    private static Double securitySeverity(JsonNode rule) {
        String score = JsonReports.text(rule, "properties", "security-severity");
        if (score == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(score.strip());
            return Double.isFinite(value) && value >= 0 && value <= 10 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The rule's words first: a result's message may quote what was found (a secret, for a secret
     * scanner), so it titles a finding only when the rule has no description of its own.
     */
    private static String title(JsonNode result, JsonNode rule, String ruleId) {
        String title = JsonReports.firstNonBlank(JsonReports.text(rule, "shortDescription", "text"), JsonReports.text(rule, "name"));
        if (title == null) {
            String message = JsonReports.text(result, "message", "text");
            title = message == null ? null : message.strip().lines().findFirst().orElse(null);
        }
        return JsonReports.firstNonBlank(title, ruleId);
    }

    /** A run's rules: those of its driver and of its extensions (SARIF 2.1.0 3.18.2, 3.18.3, 3.19.23). */
    private static final class Rules {

        private final JsonNode driver;
        private final JsonNode extensions;
        private Map<String, JsonNode> byId;

        Rules(JsonNode tool) {
            this.driver = tool.path("driver");
            this.extensions = tool.path("extensions");
        }

        /** The rule a result refers to, or null when the log does not describe it. */
        JsonNode of(JsonNode result) {
            JsonNode reference = result.path("rule");
            JsonNode component = component(reference.path("toolComponent"));
            int index = index(reference.path("index"));
            if (index < 0) {
                index = index(result.path("ruleIndex"));
            }
            JsonNode byIndex = component.path("rules").path(index);
            if (index >= 0 && byIndex.isObject()) {
                return byIndex;
            }
            String id = JsonReports.firstNonBlank(JsonReports.text(reference, "id"), JsonReports.text(result, "ruleId"));
            if (id == null) {
                return null;
            }
            for (JsonNode rule : component.path("rules")) {
                if (id.equals(JsonReports.text(rule, "id"))) {
                    return rule;
                }
            }
            JsonNode rule = byId().get(id);
            // 3.27.5: a hierarchical ruleId ("CA2000/1") names a sub-rule of the rule with the first component as id.
            return rule != null || id.indexOf('/') < 0 ? rule : byId().get(id.substring(0, id.indexOf('/')));
        }

        /** 3.54: the extension a toolComponentReference names by index or name; the driver when it names none. */
        private JsonNode component(JsonNode reference) {
            if (!reference.isObject()) {
                return driver;
            }
            int index = index(reference.path("index"));
            if (index >= 0 && extensions.path(index).isObject()) {
                return extensions.path(index);
            }
            String name = JsonReports.text(reference, "name");
            for (JsonNode extension : extensions) {
                if (name != null && name.equals(JsonReports.text(extension, "name"))) {
                    return extension;
                }
            }
            return driver;
        }

        private Map<String, JsonNode> byId() {
            if (byId == null) {
                byId = new HashMap<>();
                collect(driver);
                extensions.forEach(this::collect);
            }
            return byId;
        }

        private void collect(JsonNode component) {
            for (JsonNode rule : component.path("rules")) {
                String id = JsonReports.text(rule, "id");
                if (id != null) {
                    byId.putIfAbsent(id, rule);
                }
            }
        }

        private static int index(JsonNode node) {
            return node.isIntegralNumber() ? node.asInt() : -1;
        }
    }
}
