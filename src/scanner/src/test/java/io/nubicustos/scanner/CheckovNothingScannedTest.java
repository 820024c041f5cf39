package io.nubicustos.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.scanner.parse.CheckovParser;
import io.nubicustos.scanner.parse.ReportException;
import io.nubicustos.scanner.parse.ReportFormat;
import io.nubicustos.scanner.parse.ReportFormatDetector;
import picocli.CommandLine;

/**
 * When Checkov finds nothing to scan, {@code checkov -o json} prints only its summary object (the
 * layout quoted in issue 17, no real one in fixtures/checkov): a report with no findings, which
 * normalize reads and upload refuses, as it refuses a Trivy report of no target.
 */
class CheckovNothingScannedTest {

    static final String SUMMARY_ONLY = "{\"passed\": 0, \"failed\": 0, \"skipped\": 0, \"parsing_errors\": 0, \"resource_count\": 0,"
            + " \"checkov_version\": \"3.2.255\"}";

    @TempDir
    Path tmp;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cli = ScannerCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void theSummaryAloneIsACheckovReportWithNoFindings() throws Exception {
        Path report = Files.writeString(tmp.resolve("checkov.json"), SUMMARY_ONLY);
        assertThat(ReportFormatDetector.detect(report)).isEqualTo(ReportFormat.CHECKOV_JSON);

        assertThat(run("normalize", report.toString())).isEqualTo(ScannerCommand.OK);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains(report + ": checkov-json, 0 findings");
    }

    @Test
    void aSummaryAmongTheFrameworksOfAnArrayIsRead() throws Exception {
        String framework = "{\"check_type\":\"terraform\",\"results\":{\"passed_checks\":[],\"failed_checks\":[{\"check_id\":\"CKV_AWS_20\","
                + "\"check_name\":\"S3 Bucket has an ACL defined which allows public READ access.\",\"file_path\":\"/main.tf\","
                + "\"file_line_range\":[1,4],\"resource\":\"aws_s3_bucket.data\"}]},\"summary\":{\"passed\":0,\"failed\":1}}";
        Path report = Files.writeString(tmp.resolve("checkov.json"), "[" + SUMMARY_ONLY + "," + framework + "]");
        List<NormalizedFinding> findings = new ArrayList<>();

        var summary = new CheckovParser().parse(report, findings::add);

        assertThat(ReportFormatDetector.detect(report)).isEqualTo(ReportFormat.CHECKOV_JSON);
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.resource()).isEqualTo("/main.tf:1#aws_s3_bucket.data"));
        assertThat(summary.findings()).isEqualTo(1);
    }

    @Test
    void aSummaryCountingFailedChecksItDoesNotListIsRefusedNotReadAsClean() throws IOException {
        Path report = Files.writeString(tmp.resolve("checkov.json"), SUMMARY_ONLY.replace("\"failed\": 0", "\"failed\": 3"));
        assertThatThrownBy(() -> new CheckovParser().parse(report, f -> { })).isInstanceOf(ReportException.class)
                .hasMessageStartingWith(report.toString()).hasMessageContaining("counts 3 failed checks but lists none");
    }

    /**
     * Completing a run with no findings resolves every open finding of the ScanJob; a summary of no
     * resources does not prove them clean (an empty or wrongly mounted directory says the same).
     */
    @Test
    void uploadRefusesASummaryOfNoResourcesBeforeSendingAnything() throws Exception {
        Path report = Files.writeString(tmp.resolve("checkov.json"), SUMMARY_ONLY);
        int exit = run("upload", "--api-url", "http://127.0.0.1:9", "--run-id", "run-1", "--token-file", tmp.resolve("token").toString(),
                "--tool", "checkov", "--max-attempts", "1", "--termination-log", tmp.resolve("termination").toString(), report.toString());

        assertThat(exit).isEqualTo(ScannerCommand.BAD_INPUT);
        assertThat(err.toString()).contains(report + ": holds no results").contains("resource_count 0");
        assertThat(tmp.resolve("termination")).doesNotExist();
    }

    @Test
    void uploadTakesASummaryOfPassedChecksAsAScan() throws Exception {
        Path report = Files.writeString(tmp.resolve("checkov.json"),
                SUMMARY_ONLY.replace("\"passed\": 0", "\"passed\": 4").replace("\"resource_count\": 0", "\"resource_count\": 2"));
        var summary = new CheckovParser().parse(report, f -> { });
        assertThat(summary.passed()).isEqualTo(4);
        assertThat(io.nubicustos.scanner.parse.ReportContent.unusable(ReportFormat.CHECKOV_JSON, summary)).isEmpty();
    }
}
