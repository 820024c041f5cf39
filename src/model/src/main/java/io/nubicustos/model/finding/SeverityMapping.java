package io.nubicustos.model.finding;

import java.util.Locale;
import java.util.Map;


/**
 * Every tool's severity scale onto the five of Nubicustos, in one table.
 *
 * <pre>
 * tool        critical          high      medium            low              info
 * prowler     Critical          High      Medium            Low              Informational
 * trivy       CRITICAL          HIGH      MEDIUM            LOW              UNKNOWN
 * kube-bench  -                 FAIL      -                 -                - (PASS, WARN, INFO: not failed, no finding)
 * kubescape   score >= 9        >= 7      >= 4              > 0              0
 * checkov     CRITICAL          HIGH      MEDIUM (or none)  LOW              INFO
 * scoutsuite  danger + critical danger    warning           -                -
 * sarif       -                 error     warning           note             none
 * </pre>
 */
public final class SeverityMapping {

    private static final Map<String, Severity> WORDS = Map.ofEntries(
            Map.entry("critical", Severity.CRITICAL),
            Map.entry("high", Severity.HIGH),
            Map.entry("error", Severity.HIGH),
            Map.entry("danger", Severity.HIGH),
            Map.entry("fail", Severity.HIGH),
            Map.entry("medium", Severity.MEDIUM),
            Map.entry("moderate", Severity.MEDIUM),
            Map.entry("warning", Severity.MEDIUM),
            Map.entry("warn", Severity.MEDIUM),
            Map.entry("low", Severity.LOW),
            Map.entry("note", Severity.LOW),
            Map.entry("informational", Severity.INFO),
            Map.entry("info", Severity.INFO),
            Map.entry("unknown", Severity.INFO),
            Map.entry("none", Severity.INFO));

    private SeverityMapping() {
    }

    /** A tool's severity word; {@code fallback} when it is absent or unknown. */
    public static Severity of(String word, Severity fallback) {
        if (word == null) {
            return fallback;
        }
        return WORDS.getOrDefault(word.strip().toLowerCase(Locale.ROOT), fallback);
    }

    /** Kubescape's 0-10 score. */
    public static Severity ofScore(double score) {
        return score >= 9 ? Severity.CRITICAL : score >= 7 ? Severity.HIGH : score >= 4 ? Severity.MEDIUM : score > 0 ? Severity.LOW : Severity.INFO;
    }
}
