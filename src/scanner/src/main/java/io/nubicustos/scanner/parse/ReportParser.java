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
     * @param passed passed or manual results seen
     * @param statesClean the report itself states that the scan ran and found nothing where it
     *        found nothing (a SARIF run's explicit empty {@code results}, a Trivy target without
     *        findings): see {@link ReportContent}
     * @param skipped results seen that are not findings: failed results left out because they lack
     *        what identifies a finding (a check id, a resource), and results that are neither a failed
     *        check nor a passed one (a SARIF {@code notApplicable}, {@code informational},
     *        {@code review} or {@code open} result; an archived, resolved or suppressed ASFF finding),
     *        counted so the run summary can explain a count below the tool's own
     */
    record ParseSummary(long findings, long passed, boolean statesClean, long skipped) {

        public ParseSummary(long findings, long passed) {
            this(findings, passed, false, 0);
        }

        public ParseSummary(long findings, long passed, boolean statesClean) {
            this(findings, passed, statesClean, 0);
        }

        /** {@code findings, passed} or {@code counts[0], counts[1], counts[2]} as skipped, the way parsers count. */
        static ParseSummary of(long[] counts) {
            return new ParseSummary(counts[0], counts[1], false, counts.length > 2 ? counts[2] : 0);
        }
    }
}
