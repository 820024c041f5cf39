package io.nubicustos.findings.finding;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.findings.http.InvalidInput;

/** The API's reading of a severity parameter: one of the five ids, or a 400 that says which are accepted. */
public final class Severities {

    private Severities() {
    }

    public static Severity parse(String text) {
        return Severity.parse(text).orElseThrow(() -> new InvalidInput("severity must be one of " + Severity.IDS));
    }
}
