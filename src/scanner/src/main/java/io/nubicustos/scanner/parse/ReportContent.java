package io.nubicustos.scanner.parse;

import java.util.Optional;

/**
 * Whether a report that parsed is evidence of a scan: an upload that completes with no findings
 * resolves every open finding of its ScanJob, so a report with nothing in it must prove that the
 * tool ran and found nothing, rather than that it never ran (or that something else wrote the
 * file). A missing or zero-byte file never does ({@link ReportFormatDetector} refuses both).
 *
 * <p>Per format, what a clean scan writes:
 * <ul>
 * <li>Prowler (OCSF, ASFF, v3 JSON, v2 JSON lines, CSV), kube-bench, Kubescape, Checkov and
 * ScoutSuite write a result for every check they ran, passed ones too: a clean scan has passed
 * results, and a report with no result at all means no check ran.
 * <li>SARIF: a run whose {@code results} is an explicit empty array ran and found nothing (SARIF
 * 2.1.0, 3.14.23); absent or null results mean the analysis did not run.
 * <li>Trivy lists every target it scanned (an OS, a lock file, a Kubernetes resource) with or
 * without findings: a clean scan has targets, a report with none scanned nothing.
 * <li>Checkov, when it finds nothing to scan, writes only its summary ({@code resource_count} 0).
 * That is a valid report ({@code scanner normalize} prints no findings and succeeds), but it is
 * refused here, as a Trivy report without targets is: it says no resource was scanned (an empty
 * or wrongly mounted directory looks the same), so it cannot prove the ScanJob's resources clean,
 * and completing the run with it would resolve every open finding of the ScanJob. A summary that
 * counts passed checks stands for a scan.
 * <li>A failure the report itself suppresses (a SARIF suppression, a Kubescape or Trivy exception,
 * a Checkov skipped check) is a check that ran, so it stands for a scan too; except in ASFF, where
 * a suppressed finding is one an export carries from the past, like an archived one.
 * </ul>
 */
public final class ReportContent {

    private ReportContent() {
    }

    /** Why a report that parsed cannot stand for a scan, or empty if it can. */
    public static Optional<String> unusable(ReportFormat format, ReportParser.ParseSummary summary) {
        if (summary.findings() > 0 || summary.passed() > 0 || summary.statesClean() || (summary.suppressed() > 0 && format != ReportFormat.ASFF)) {
            return Optional.empty();
        }
        return Optional.of(switch (format) {
            case SARIF -> "is a SARIF log without results in any run: the analysis did not run (a clean one has \"results\": [])";
            case ASFF -> "is an ASFF report without any active or passed finding (archived, resolved or suppressed ones stand for no scan)";
            case TRIVY_JSON -> "is a Trivy report without any scanned target: Trivy lists every target it scanned, findings or not";
            case CHECKOV_JSON -> "holds no results: checkov writes every check it ran, passed ones too, so none means no check ran"
                    + " (a summary alone, resource_count 0, means it found nothing to scan)";
            default -> "holds no results: " + format.tool() + " writes every check it ran, passed ones too, so none means no check ran";
        });
    }
}
