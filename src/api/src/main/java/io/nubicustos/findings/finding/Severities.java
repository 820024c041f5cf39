package io.nubicustos.findings.finding;

import io.nubicustos.api.v1alpha1.common.Severity;
import io.nubicustos.findings.http.InvalidInput;

/** Severity as stored: a rank that sorts most severe first when descending (4 critical … 0 info). */
public final class Severities {

    private Severities() {
    }

    public static int rank(Severity severity) {
        return 4 - severity.ordinal();
    }

    public static Severity of(int rank) {
        return Severity.values()[4 - rank];
    }

    public static String id(int rank) {
        return of(rank).name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Severity parse(String text) {
        for (Severity s : Severity.values()) {
            if (s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new InvalidInput("severity must be one of critical, high, medium, low, info");
    }
}
