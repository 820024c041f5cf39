package io.nubicustos.findings.finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.nubicustos.findings.http.InvalidInput;

/**
 * The filters of the findings list, summary and exports, validated: every value is bounded in
 * length and free of control characters; lists are closed vocabularies. Values only ever reach
 * SQL as bind parameters.
 */
public record FindingFilter(List<Integer> severities, List<FindingStatus> statuses, Optional<String> tool, Optional<String> provider,
        Optional<String> account, Optional<String> scope, Optional<String> namespace, Optional<String> resource,
        Optional<String> check, Optional<String> control, Optional<String> framework, Optional<String> text) {

    static final int MAX_VALUE = 512;

    public static FindingFilter none() {
        return new FindingFilter(List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Builds a filter from query parameters; null or blank means "not filtered".
     *
     * @param check the tool's own check id (s3_bucket_public_access, CVE-2024-1234)
     * @param control the canonical control that two tools' checks share (see CheckAliases)
     */
    public static FindingFilter parse(String severity, String status, String tool, String provider, String account, String scope,
            String namespace, String resource, String check, String control, String framework, String text) {
        List<Integer> severities = new ArrayList<>();
        for (String s : list("severity", severity)) {
            severities.add(Severities.parse(s).rank());
        }
        List<FindingStatus> statuses = new ArrayList<>();
        for (String s : list("status", status)) {
            statuses.add(FindingStatus.parse(s));
        }
        return new FindingFilter(List.copyOf(severities), List.copyOf(statuses), value("tool", tool, 64), value("provider", provider, 32),
                value("account", account, MAX_VALUE), value("scope", scope, 253), value("namespace", namespace, 253),
                value("resource", resource, 2048), value("check", check, MAX_VALUE), value("control", control, MAX_VALUE), value("framework", framework, 128),
                value("q", text, 200));
    }

    private static List<String> list(String name, String text) {
        Optional<String> value = value(name, text, 128);
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String item : value.get().split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    static Optional<String> value(String name, String text, int max) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        if (text.length() > max) {
            throw new InvalidInput(name + " is longer than " + max + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new InvalidInput(name + " contains control characters");
            }
        }
        return Optional.of(text.trim());
    }
}
