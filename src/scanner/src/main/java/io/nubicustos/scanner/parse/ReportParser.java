package io.nubicustos.scanner.parse;

import java.nio.file.Path;
import java.util.function.Consumer;

import io.nubicustos.model.finding.NormalizedFinding;

/** Reads one tool's native report, streaming, and hands each failed check on as a normalized finding. */
public interface ReportParser {

    ReportFormat format();

    /**
     * @return how many findings were emitted and how many passed or manual results were seen
     * @throws ReportException naming the file and position when the report is unreadable; the
     *         caller discards what was emitted, so a broken report never imports in part
     */
    ParseSummary parse(Path file, Consumer<NormalizedFinding> sink) throws ReportException;

    /**
     * What a report held.
     *
     * @param findings failed checks, handed on as findings
     * @param passed results that are not failures: passed ones, and manual or informational ones where
     *        the tool has them (each parser says which)
     * @param statesClean the report itself states that the scan ran and found nothing where it
     *        found nothing (a SARIF run's explicit empty {@code results}, a Trivy target without
     *        findings): see {@link ReportContent}
     * @param skipped results seen that are not findings: failed results left out because they lack
     *        what identifies a finding (a check id, a resource), and results that are neither a failed
     *        check nor a passed one (a SARIF {@code notApplicable}, {@code informational},
     *        {@code review} or {@code open} result; an archived or resolved ASFF finding),
     *        counted so the run summary can explain a count below the tool's own
     * @param suppressed failed results the report itself marks as accepted (a suppression, an
     *        exception, a skipped check: each parser says which), not findings, counted so the run
     *        summary can explain a count below the tool's own
     */
    record ParseSummary(long findings, long passed, boolean statesClean, long skipped, long suppressed) {

        public ParseSummary(long findings, long passed) {
            this(findings, passed, false, 0, 0);
        }

        public ParseSummary(long findings, long passed, boolean statesClean) {
            this(findings, passed, statesClean, 0, 0);
        }

        public ParseSummary(long findings, long passed, boolean statesClean, long skipped) {
            this(findings, passed, statesClean, skipped, 0);
        }

        /** {@code findings, passed[, skipped[, suppressed]]} from {@code counts}, the way parsers count. */
        static ParseSummary of(long[] counts) {
            return new ParseSummary(counts[0], counts[1], false, counts.length > 2 ? counts[2] : 0, counts.length > 3 ? counts[3] : 0);
        }
    }
}
