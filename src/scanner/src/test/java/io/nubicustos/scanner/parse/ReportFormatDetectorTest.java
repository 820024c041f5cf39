package io.nubicustos.scanner.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real reports of the real tools (fixtures/, see its SOURCES.md) are told apart. */
class ReportFormatDetectorTest {

    static final Path FIXTURES = Fixtures.dir();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "prowler/dd_v4_many_vuln_after_4_5_0.ocsf.json, PROWLER_OCSF",
            "prowler/upstream_example_output_aws.ocsf.json, PROWLER_OCSF",
            "prowler/upstream_example_output_kubernetes.ocsf.json, PROWLER_OCSF",
            "prowler/dd_prowler-output.asff.json, ASFF",
            "prowler/dd_v3_many_vuln.json, PROWLER_JSON",
            "prowler/dd_v2_many_vuln.json, PROWLER_V2_JSON",
            "prowler/dd_v2_many_vuln.csv, PROWLER_CSV",
            "prowler/upstream_example_output_aws.csv, PROWLER_CSV",
            "scoutsuite/dd_new2.js, SCOUTSUITE",
            "scoutsuite/dd_two_findings.js, SCOUTSUITE",
            "trivy/upstream_alpine-310.json, TRIVY_JSON",
            "trivy/dd_scheme_2_many_vulns.json, TRIVY_JSON",
            "trivy/dd_kubernetes.json, TRIVY_JSON",
            "trivy/dd_k8s_resources_issue_9170.json, TRIVY_JSON",
            "trivy/dd_legacy_many_vulns.json, TRIVY_JSON",
            "kube-bench/upstream_result.json, KUBE_BENCH_JSON",
            "kube-bench/dd_kube-bench-controls.json, KUBE_BENCH_JSON",
            "kube-bench/dd_kube-bench-report-many-vuln.json, KUBE_BENCH_JSON",
            "kubescape/dd_many_findings.json, KUBESCAPE_JSON",
            "kubescape/dd_results.json, KUBESCAPE_JSON",
            "checkov/dd_checkov-report-many-vuln.json, CHECKOV_JSON",
            "checkov/dd_checkov-report-multiple-check_type.json, CHECKOV_JSON",
            "sarif/trivy_alpine-310.sarif, SARIF",
            "sarif/dd_gitleaks_7.5.0.sarif, SARIF" })
    void recognisesEachToolsReport(String fixture, ReportFormat expected) throws ReportException {
        assertThat(ReportFormatDetector.detect(FIXTURES.resolve(fixture))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "grype/dd_many_vulns4.json",
            "gitleaks/dd_gitleaks8_many.json",
            "polaris/dd_polaris_many_vuln.json" })
    void reportsOfToolsItDoesNotReadAreRefusedByName(String fixture) {
        Path file = FIXTURES.resolve(fixture);
        assertThatThrownBy(() -> ReportFormatDetector.detect(file)).isInstanceOf(ReportException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining("not a report format");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "truncated.json | [{\"metadata\": {\"event_code\": \"x\"}, \"finding_info\": {\"uid\": | not valid JSON",
            "garbage.json | {\"a\": 1,,} | line 1, column 9",
            "empty.json | '   ' | is empty",
            "emptyarray.json | [] | empty JSON array at line 1, column 2",
            "numbers.json | [1, 2] | VALUE_NUMBER_INT at line 1, column 2, not of report objects",
            "scalar.json | 42 | not a JSON object or array at line 1, column 1",
            "unknown.json | '  {\"a\": 1}' | no tool writes the keys of the object at line 1, column 3" })
    void brokenInputNamesTheFileAndWhere(String name, String content, String expected) throws IOException {
        Path file = Files.writeString(tmp.resolve(name), content);
        assertThatThrownBy(() -> ReportFormatDetector.detect(file)).isInstanceOf(ReportException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(expected);
    }

    @Test
    void aReportAfterMoreWhitespaceThanTheHeadIsReadNotCalledEmpty() throws Exception {
        Path file = Files.writeString(tmp.resolve("indented.sarif"), " ".repeat(100) + "{\"version\":\"2.1.0\",\"runs\":[]}");
        assertThat(ReportFormatDetector.detect(file)).isEqualTo(ReportFormat.SARIF);
    }

    /** Only findings with ASFF's required SchemaVersion and ProductArn make a {"Findings": [...]} object ASFF. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty.json | {\"Findings\": [], \"NextToken\": null} | not a report format",
            "other.json | {\"Findings\": [{\"Id\": \"x\", \"Title\": \"t\"}]} | not a report format",
            "scalars.json | {\"Findings\": [1, 2]} | not a report format" })
    void aFindingsObjectWithoutAsffFindingsIsRefused(String name, String content, String expected) throws IOException {
        Path file = Files.writeString(tmp.resolve(name), content);
        assertThatThrownBy(() -> ReportFormatDetector.detect(file)).isInstanceOf(ReportException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(expected);
    }

    @ParameterizedTest(name = "nesting depth {0}")
    @CsvSource({ "100000" })
    void hostileNestingIsRefusedNotAStackOverflow(int depth) throws IOException {
        Path file = Files.writeString(tmp.resolve("deep.json"), "{\"a\":" + "[".repeat(depth));
        assertThatThrownBy(() -> ReportFormatDetector.detect(file)).isInstanceOf(ReportException.class)
                .hasMessageContaining("nesting depth");
    }
}
