package io.nubicustos.scanner.parse;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Entries that lack fields a parser used to assume present (older tool versions, legacy layouts,
 * hand-trimmed reports): each becomes a finding with defined defaults or is skipped and counted,
 * never a NullPointerException that stops the run.
 */
class PartialEntriesTest {

    @TempDir
    Path tmp;

    record Parsed(List<NormalizedFinding> findings, ReportParser.ParseSummary summary) {
    }

    Parsed parse(String name, String content) throws Exception {
        Path file = Files.writeString(tmp.resolve(name), content);
        ReportParser parser = ReportParsers.forFormat(ReportFormatDetector.detect(file)).orElseThrow();
        List<NormalizedFinding> findings = new ArrayList<>();
        ReportParser.ParseSummary summary = parser.parse(file, findings::add);
        assertThat(summary.findings()).isEqualTo(findings.size());
        return new Parsed(findings, summary);
    }

    @Test
    void aTrivyVulnerabilityWithOnlyAPackageIsNamedAfterPackageAndVersionAtTheUnknownSeverity() throws Exception {
        // Trivy's legacy list layout (a top-level array of results), as older versions write it.
        Parsed parsed = parse("legacy.json", """
                [{"Target": "alpine:3.10 (alpine 3.10.2)", "Type": "alpine", "Vulnerabilities": [
                  {"PkgName": "openssl", "InstalledVersion": "1.1.1c-r0"},
                  {"PkgName": "musl"},
                  {"VulnerabilityID": "CVE-2019-14697", "PkgName": "musl", "InstalledVersion": "1.1.22-r2", "Severity": "HIGH"},
                  {}]}]
                """);

        assertThat(parsed.findings()).extracting(NormalizedFinding::checkId).containsExactly("openssl@1.1.1c-r0", "musl", "CVE-2019-14697");
        assertThat(parsed.findings()).extracting(NormalizedFinding::severity).containsExactly(Severity.INFO, Severity.INFO, Severity.HIGH);
        assertThat(parsed.findings().get(0).resource()).isEqualTo("alpine:3.10 (alpine 3.10.2)#openssl@1.1.1c-r0");
        assertThat(parsed.findings().get(1).resource()).isEqualTo("alpine:3.10 (alpine 3.10.2)#musl");
        assertThat(parsed.summary().skipped()).as("the empty entry names nothing").isEqualTo(1);
    }

    @Test
    void trivyMisconfigurationsAndSecretsWithoutAnIdAreSkippedAndCounted() throws Exception {
        Parsed parsed = parse("image.json", """
                {"SchemaVersion": 2, "ArtifactName": "app:1", "Results": [
                  {"Vulnerabilities": [{"VulnerabilityID": "CVE-2024-1", "PkgName": "zlib"}],
                   "Misconfigurations": [{"Status": "FAIL", "Title": "no id"}, {"ID": "DS002", "Status": "FAIL"}],
                   "Secrets": [{"Title": "no rule"}, {"RuleID": "aws-access-key-id"}]}]}
                """);

        assertThat(parsed.findings()).extracting(NormalizedFinding::checkId).containsExactly("CVE-2024-1", "DS002", "aws-access-key-id");
        assertThat(parsed.findings()).extracting(NormalizedFinding::resource).allSatisfy(r -> assertThat(r).doesNotContain("null"));
        assertThat(parsed.findings().get(0).resource()).as("a result without Target is the artifact's").isEqualTo("app:1#zlib");
        assertThat(parsed.summary().skipped()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            kubescape.json  | {"summaryDetails":{"controls":{}},"results":[{"resourceID":"/v1/default/Pod/p","controls":[{"name":"no id","status":{"status":"failed"}},{"controlID":"C-0017","status":{"status":"failed"}}]}]} | 1
            kube-bench.json | {"Controls":[{"version":"1.6","node_type":"master","tests":[{"results":[{"status":"FAIL","test_desc":"no number"},{"test_number":"1.1.1","status":"FAIL"}]}]}]} | 1
            prowler-v3.json | [{"FindingUniqueId":"u1","CheckID":"s3_bucket_public","Status":"FAIL","ResourceId":"b"},{"FindingUniqueId":"u2","Status":"FAIL","ResourceId":"b"},{"FindingUniqueId":"u3","CheckID":"iam_root","Status":"FAIL"}] | 1
            prowler.ocsf.json | [{"finding_info":{"uid":"x"},"metadata":{},"status_code":"FAIL","resources":[{"uid":"arn:aws:s3:::b"}]},{"finding_info":{},"metadata":{},"status_code":"FAIL","resources":[{"uid":"arn:aws:s3:::b"}]},{"finding_info":{"uid":"y"},"metadata":{},"status_code":"FAIL"}] | 1
            prowler-v2.json | {"Account Number":"1","Control ID":"1.1","Status":"FAIL","Control":"[check11] Root"}\\n{"Account Number":"1","Control ID":"1.2","Status":"FAIL"} | 1
            """)
    void aFailedEntryWithoutCheckIdOrResourceIsSkippedAndCountedInOtherParsers(String name, String content, long findings) throws Exception {
        Parsed parsed = parse(name, content.replace("\\n", "\n"));

        assertThat(parsed.findings()).hasSize((int) findings);
        assertThat(parsed.summary().skipped()).isPositive().isEqualTo(content.split("FAIL|failed", -1).length - 1 - findings);
    }

    @Test
    void prowlerCsvRowsWithoutACheckAreSkippedAndCounted() throws Exception {
        Parsed v5 = parse("v5.csv", """
                AUTH_METHOD;TIMESTAMP;ACCOUNT_UID;PROVIDER;CHECK_ID;CHECK_TITLE;STATUS;SEVERITY;RESOURCE_UID;REGION
                k;t;123;aws;s3_bucket_public;Public;FAIL;high;arn:aws:s3:::b;eu-west-1
                k;t;123;aws;;No id;FAIL;high;arn:aws:s3:::b;eu-west-1
                k;t;123;aws;iam_root;No resource;FAIL;high;;eu-west-1
                """);
        Parsed v2 = parse("v2.csv", """
                PROFILE,ACCOUNT_NUM,REGION,TITLE_ID,CHECK_RESULT,ITEM_SCORED,ITEM_LEVEL,TITLE_TEXT,CHECK_RESULT_EXTENDED,CHECK_ASFF_COMPLIANCE_TYPE,CHECK_SEVERITY,CHECK_SERVICENAME
                default,123,eu-west-1,1.1,FAIL,Scored,Level 1,[check11] Root,extended,type,High,iam
                default,123,eu-west-1,1.2,FAIL,Scored,Level 1,,extended,type,High,iam
                """);

        assertThat(v5.findings()).extracting(NormalizedFinding::checkId).containsExactly("s3_bucket_public");
        assertThat(v5.summary().skipped()).isEqualTo(2);
        assertThat(v2.findings()).extracting(NormalizedFinding::checkId).containsExactly("check11");
        assertThat(v2.summary().skipped()).isEqualTo(1);
    }
}
