package io.nubicustos.findings.finding;

import java.util.Locale;

/** Where a finding stands; {@code resolved} is also what a later run sets when the problem is gone. */
public enum FindingStatus {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED,
    FALSE_POSITIVE,
    RISK_ACCEPTED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FindingStatus parse(String text) {
        for (FindingStatus s : values()) {
            if (s.id().equals(text)) {
                return s;
            }
        }
        throw new io.nubicustos.findings.http.InvalidInput("status must be one of open, acknowledged, resolved, false_positive, risk_accepted");
    }
}
