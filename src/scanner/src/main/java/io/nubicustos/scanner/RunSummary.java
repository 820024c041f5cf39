package io.nubicustos.scanner;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.scanner.parse.ReportFormat;
import io.nubicustos.scanner.parse.ReportParser;

/**
 * The one line a run prints per report, saying why Nubicustos's count may differ from the tool's
 * own failed count: the results that are not failures, in the tool's words; entries skipped as
 * neither failed nor passed or for lacking a check id or resource; failures the report itself
 * suppresses; and findings that repeat another's fingerprint (the same check on the same resource,
 * stored once). {@code upload} adds those below its severity threshold. Fingerprints are remembered
 * up to {@link #MAX_TRACKED}, so the tally stays cheap on any report size.
 */
final class RunSummary {

    static final int MAX_TRACKED = 200_000;

    private final Set<String> fingerprints = new HashSet<>();
    private long duplicates;
    private boolean untracked;

    void add(NormalizedFinding finding) {
        if (fingerprints.size() >= MAX_TRACKED) {
            untracked |= !fingerprints.contains(finding.fingerprint());
            if (fingerprints.contains(finding.fingerprint())) {
                duplicates++;
            }
            return;
        }
        if (!fingerprints.add(finding.fingerprint())) {
            duplicates++;
        }
    }

    String line(Object file, ReportFormat format, ReportParser.ParseSummary summary) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %s, %d findings, %d passed or manual", file, format.id(),
                summary.findings(), summary.passed()));
        if (summary.passed() > 0) {
            line.append(" (").append(format.notFailed()).append(')');
        }
        if (summary.skipped() > 0) {
            line.append(String.format(Locale.ROOT, ", %d skipped (not a failed check, or nothing to name a finding by)", summary.skipped()));
        }
        if (summary.suppressed() > 0) {
            line.append(String.format(Locale.ROOT, ", %d suppressed (failures the report marks as accepted: suppressions, exceptions,"
                    + " skipped checks)", summary.suppressed()));
        }
        if (duplicates > 0) {
            line.append(String.format(Locale.ROOT, ", %d%s repeat another finding's check and resource (stored once)", duplicates,
                    untracked ? " or more" : ""));
        }
        return line.toString();
    }
}
