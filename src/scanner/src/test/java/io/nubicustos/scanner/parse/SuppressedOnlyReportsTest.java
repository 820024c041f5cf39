package io.nubicustos.scanner.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report whose only results are failures it suppresses still proves that checks ran, so it can
 * complete a run (and resolve what the ScanJob no longer sees); an ASFF export of only suppressed
 * findings cannot, as one of only archived findings cannot.
 */
class SuppressedOnlyReportsTest {

    @TempDir
    Path tmp;

    @Test
    void aKubescapeReportOfOnlyExceptedControlsStandsForAScan() throws Exception {
        Path file = Files.writeString(tmp.resolve("kubescape.json"), "{\"generationTime\":\"2024-03-01T09:00:00Z\",\"results\":[{\"resourceID\":"
                + "\"apps/v1/default/Deployment/web\",\"controls\":[{\"controlID\":\"C-0016\",\"status\":{\"status\":\"passed\",\"subStatus\":\"w/exceptions\"}}]}]}");
        var summary = new KubescapeParser().parse(file, f -> { });

        assertThat(summary.suppressed()).isEqualTo(1);
        assertThat(ReportContent.unusable(ReportFormat.KUBESCAPE_JSON, summary)).isEmpty();
    }

    @Test
    void aCheckovReportOfOnlySkippedChecksStandsForAScan() throws Exception {
        Path file = Files.writeString(tmp.resolve("checkov.json"), "{\"check_type\":\"kubernetes\",\"results\":{\"passed_checks\":[],"
                + "\"failed_checks\":[],\"skipped_checks\":[{\"check_id\":\"CKV_K8S_43\",\"file_path\":\"/web.yaml\",\"resource\":\"Deployment.default.web\"}]}}");
        var summary = new CheckovParser().parse(file, f -> { });

        assertThat(summary.suppressed()).isEqualTo(1);
        assertThat(ReportContent.unusable(ReportFormat.CHECKOV_JSON, summary)).isEmpty();
    }

    @Test
    void anAsffExportOfOnlySuppressedFindingsDoesNot() {
        var summary = new ReportParser.ParseSummary(0, 0, false, 0, 3);

        assertThat(ReportContent.unusable(ReportFormat.ASFF, summary)).isPresent();
    }
}
