package io.nubicustos.scanner.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.finding.NormalizedFinding;

/** The parsers on the real reports, with the counts each fixture folder's SOURCES.md gives for each file. */
class ReportParsersTest {

    static final Path FIXTURES = Fixtures.dir();

    @TempDir
    Path tmp;

    static List<NormalizedFinding> parse(String fixture, long[] passed) throws ReportException {
        Path file = FIXTURES.resolve(fixture);
        ReportParser parser = ReportParsers.forFormat(ReportFormatDetector.detect(file)).orElseThrow();
        List<NormalizedFinding> findings = new ArrayList<>();
        var summary = parser.parse(file, findings::add);
        assertThat(summary.findings()).isEqualTo(findings.size());
        if (passed != null) {
            passed[0] = summary.passed();
        }
        return findings;
    }

    @ParameterizedTest(name = "{0}: {1} findings, {2} passed/manual")
    @CsvSource({
            "prowler/dd_v4_many_vuln_after_4_5_0.ocsf.json, 3, 0",
            "prowler/upstream_example_output_aws.ocsf.json, 2, 3",
            "prowler/upstream_example_output_kubernetes.ocsf.json, 5, 1",
            "prowler/dd_v3_many_vuln.json, 3, 0",
            "prowler/dd_prowler-output.asff.json, 286, 445",
            "prowler/dd_v2_many_vuln.json, 4, 2",
            "prowler/dd_v2_many_vuln.csv, 4, 0",
            "prowler/upstream_example_output_aws.csv, 2, 2",
            "trivy/dd_all_statuses.json, 8, 0",
            "trivy/dd_k8s_resources_issue_9170.json, 37, 0",
            "trivy/dd_kubernetes.json, 20, 0",
            "trivy/dd_legacy_many_vulns.json, 93, 0",
            "trivy/dd_misconfigurations_and_secrets.json, 5, 0",
            "trivy/dd_scheme_2_many_vulns.json, 5, 0",
            "trivy/upstream_alpine-310.json, 4, 0",
            "trivy/upstream_helm.json, 18, 0",
            "trivy/upstream_secrets.json, 2, 0",
            "kube-bench/dd_kube-bench-controls.json, 36, 86",
            "kube-bench/dd_kube-bench-report-many-vuln.json, 4, 20",
            "kube-bench/upstream_result.json, 0, 3",
            "checkov/dd_checkov-report-many-vuln.json, 3, 0",
            "checkov/dd_checkov-report-multiple-check_type.json, 13, 15",
            "checkov/dd_checkov-report-severity.json, 4, 0",
            "kubescape/dd_many_findings.json, 289, 421",
            "kubescape/dd_results.json, 0, 20",
            "kubescape/dd_with_a_failure.json, 3, 15",
            "scoutsuite/dd_new2.js, 356, 118",
            "scoutsuite/dd_two_findings.js, 4, 48",
            "sarif/dd_appendix_k.sarif, 0, 0",
            "sarif/dd_dockle_0_3_15.sarif, 4, 0",
            "sarif/dd_gitleaks_7.5.0.sarif, 8, 0",
            "sarif/trivy_alpine-310.sarif, 4, 0" })
    void countsMatchTheFixtureSources(String fixture, long findings, long passed) throws ReportException {
        long[] seen = new long[1];
        List<NormalizedFinding> parsed = parse(fixture, seen);
        assertThat(parsed).hasSize((int) findings);
        assertThat(seen[0]).isEqualTo(passed);
        assertThat(parsed).allSatisfy(f -> {
            assertThat(f.resource()).isNotBlank().doesNotContain("null");
            assertThat(f.checkId()).isNotBlank();
            assertThat(f.fingerprint()).hasSize(32);
        });
    }

    @Test
    void prowlerFieldsAreCarriedThrough() throws ReportException {
        NormalizedFinding f = parse("prowler/dd_v4_many_vuln_after_4_5_0.ocsf.json", null).get(0);
        assertThat(f.checkId()).isEqualTo("iam_role_administratoraccess_policy_permissive_trust_relationship");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.account()).isEqualTo("123456789012");
        assertThat(f.region()).isEqualTo("us-east-1");
        assertThat(f.resource()).isEqualTo("arn:aws:iam::123456789012:role/myAdministratorExecutionRole");
        NormalizedFinding analyzer = parse("prowler/upstream_example_output_aws.ocsf.json", null).stream()
                .filter(x -> x.checkId().equals("accessanalyzer_enabled")).findFirst().orElseThrow();
        assertThat(analyzer.compliance()).containsEntry("CIS-3.0", List.of("1.20"));
        assertThat(analyzer.control()).as("aliased to the CIS control ScoutSuite reports too").isEqualTo("cis-aws-1.20:access-analyzer-enabled");
    }

    @Test
    void theSameProwlerCheckMakesTheSameFindingInAsffAndOcsf() throws ReportException {
        NormalizedFinding asff = parse("prowler/dd_prowler-output.asff.json", null).stream()
                .filter(f -> f.checkId().equals("accessanalyzer_enabled")).findFirst().orElseThrow();
        assertThat(asff.control()).isEqualTo("cis-aws-1.20:access-analyzer-enabled");
        assertThat(asff.compliance()).containsEntry("CIS-1.5", List.of("1.20"));
        assertThat(asff.account()).isEqualTo("123456789012");
    }

    @Test
    void prowlerCsvCarriesChecksAndCompliance() throws ReportException {
        NormalizedFinding v5 = parse("prowler/upstream_example_output_aws.csv", null).get(0);
        assertThat(v5.checkId()).isEqualTo("accessanalyzer_enabled");
        assertThat(v5.severity()).isEqualTo(Severity.LOW);
        assertThat(v5.compliance()).isNotEmpty();
        NormalizedFinding v2 = parse("prowler/dd_v2_many_vuln.csv", null).get(0);
        assertThat(v2.checkId()).isEqualTo("check11");
        assertThat(v2.compliance()).containsEntry("CIS-AWS", List.of("1.1"));
    }

    @Test
    void trivySecretsKeepWhereNotWhat() throws Exception {
        List<NormalizedFinding> secrets = parse("trivy/upstream_secrets.json", null);
        String raw = Files.readString(FIXTURES.resolve("trivy/upstream_secrets.json"));
        var matches = new com.fasterxml.jackson.databind.ObjectMapper().readTree(raw).findValues("Match");
        assertThat(matches).isNotEmpty();
        for (NormalizedFinding f : secrets) {
            assertThat(f.resource()).matches(".+:\\d+");
            for (var match : matches) {
                assertThat(f.toString()).doesNotContain(match.asText());
            }
        }
    }

    @Test
    void sarifSnippetsAndPropertiesThatQuoteSecretsAreNotKept() throws Exception {
        String raw = Files.readString(FIXTURES.resolve("sarif/dd_gitleaks_7.5.0.sarif"));
        var log = new com.fasterxml.jackson.databind.ObjectMapper().readTree(raw);
        List<String> secrets = new ArrayList<>();
        log.findValues("snippet").forEach(s -> secrets.add(s.path("text").asText()));
        log.findValues("offender").forEach(s -> secrets.add(s.asText()));
        assertThat(secrets).isNotEmpty().anySatisfy(s -> assertThat(s).contains("AKIAIOSFODNN7EXAMPLE"));
        List<NormalizedFinding> findings = parse("sarif/dd_gitleaks_7.5.0.sarif", null);
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.tool()).isEqualTo("gitleaks");
            for (String secret : secrets) {
                assertThat(f.toString()).doesNotContain(secret.strip());
            }
        });
    }

    /** kube-bench's WARN asks for a manual check: not a failure, so no finding, as PASS and INFO. */
    @Test
    void kubeBenchFailuresAreHighFindingsAndItsWarningsAreNone() throws Exception {
        List<NormalizedFinding> findings = parse("kube-bench/dd_kube-bench-controls.json", null);
        var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(FIXTURES.resolve("kube-bench/dd_kube-bench-controls.json").toFile());
        List<String> warned = new ArrayList<>();
        report.path("Controls").forEach(control -> control.path("tests").forEach(section -> section.path("results").forEach(result -> {
            if ("WARN".equals(result.path("status").asText())) {
                warned.add("node/" + control.path("node_type").asText() + "/" + result.path("test_number").asText());
            }
        })));
        assertThat(warned).hasSize(49);
        assertThat(findings).hasSize(36).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(warned).doesNotContain(f.resource());
        });
    }

    @Test
    void theSameCheckOnTheSameResourceIsOneFingerprintAcrossTools() {
        NormalizedFinding prowler = NormalizedFinding.of("prowler", "s3_bucket_public_access", Severity.HIGH, "t", null, null, "aws",
                "123456789012", "eu-west-1", null, "AwsS3Bucket", "arn:aws:s3:::payroll", java.util.Map.of());
        NormalizedFinding scout = NormalizedFinding.of("scoutsuite", "s3-bucket-world-acl", Severity.HIGH, "other title", null, null,
                "aws", "123456789012", null, null, "bucket", "arn:aws:s3:::payroll", java.util.Map.of());
        assertThat(prowler.fingerprint()).isEqualTo(scout.fingerprint());
        assertThat(NormalizedFinding.of("prowler", "s3_bucket_public_access", Severity.HIGH, "t", null, null, "aws", "123456789012",
                null, null, null, "arn:aws:s3:::other", java.util.Map.of()).fingerprint()).isNotEqualTo(prowler.fingerprint());
    }

    @Test
    void aTruncatedReportFailsWholeNamingTheFile() throws IOException {
        String full = Files.readString(FIXTURES.resolve("trivy/upstream_alpine-310.json"));
        Path truncated = Files.writeString(tmp.resolve("truncated.json"), full.substring(0, full.length() / 2));
        assertThatThrownBy(() -> new TrivyParser().parse(truncated, f -> { }))
                .isInstanceOf(ReportException.class).hasMessageStartingWith(truncated.toString()).hasMessageContaining("line");
    }
}
