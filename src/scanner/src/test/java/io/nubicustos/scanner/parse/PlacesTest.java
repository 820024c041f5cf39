package io.nubicustos.scanner.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.nubicustos.model.finding.NormalizedFinding;

/**
 * Where within a resource a tool saw a problem, when the finding's identity does not say it:
 * reports whose entries deduplicate into one finding keep each entry's place, so the API can
 * list them all (FindingLocationsIT holds the storing side).
 */
class PlacesTest {

    @TempDir
    Path tmp;

    List<NormalizedFinding> parse(String name, String content) throws Exception {
        Path file = Files.writeString(tmp.resolve(name), content);
        List<NormalizedFinding> findings = new ArrayList<>();
        ReportParsers.forFormat(ReportFormatDetector.detect(file)).orElseThrow().parse(file, findings::add);
        return findings;
    }

    @Test
    void prowlerV2RowsOfOneCheckThatDifferOnlyByTheirUserEachNameTheirUser() throws Exception {
        List<String> lines = Files.readAllLines(Fixtures.dir().resolve("prowler/dd_v2_many_vuln.csv"));
        String row = lines.stream().filter(l -> l.contains("[check13]")).findFirst().orElseThrow();
        List<NormalizedFinding> findings = parse("v2.csv", String.join("\n", lines.get(0), row, row.replace("example_user", "deploy-bot")));

        assertThat(findings).extracting(NormalizedFinding::fingerprint).containsOnly(findings.get(0).fingerprint());
        assertThat(findings).flatExtracting(NormalizedFinding::locations).containsExactly(
                "User example_user has never used access key 1 since creation and not rotated it in the past 90 days",
                "User deploy-bot has never used access key 1 since creation and not rotated it in the past 90 days");
    }

    @Test
    void prowlerRowsOfAnAccountWideCheckNameTheirRegion() throws Exception {
        // Prowler v5 CSV: one account-level resource, failing in two regions; the finding's identity has no region.
        String header = "CHECK_ID;STATUS;STATUS_EXTENDED;SEVERITY;RESOURCE_UID;REGION;PROVIDER;ACCOUNT_UID";
        List<NormalizedFinding> findings = parse("v5.csv", String.join("\n", header,
                "accessanalyzer_enabled;FAIL;IAM Access Analyzer is not enabled.;low;arn:aws:iam::123456789012:root;eu-west-1;aws;123456789012",
                "accessanalyzer_enabled;FAIL;IAM Access Analyzer is not enabled.;low;arn:aws:iam::123456789012:root;us-east-1;aws;123456789012"));

        assertThat(findings).extracting(NormalizedFinding::fingerprint).containsOnly(findings.get(0).fingerprint());
        assertThat(findings).flatExtracting(NormalizedFinding::locations)
                .containsExactly("eu-west-1: IAM Access Analyzer is not enabled.", "us-east-1: IAM Access Analyzer is not enabled.");
    }

    @Test
    void aSarifResultWithSeveralLocationsKeepsTheOthers() throws Exception {
        List<NormalizedFinding> findings = parse("multi.sarif", """
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "semgrep"}}, "results": [
                  {"ruleId": "dup-secret", "message": {"text": "the same key in three files"}, "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": "a.py"}, "region": {"startLine": 3}}},
                    {"physicalLocation": {"artifactLocation": {"uri": "b.py"}, "region": {"startLine": 9}}},
                    {"logicalLocations": [{"fullyQualifiedName": "settings.Config.key"}]}]}]}]}
                """);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo("a.py:3");
            assertThat(f.locations()).containsExactly("b.py:9", "settings.Config.key");
        });
    }

    @Test
    void oneTrivyPackageAtTwoPathsIsOneFindingWithBothPaths() throws Exception {
        List<NormalizedFinding> findings = parse("image.json", """
                {"SchemaVersion": 2, "ArtifactName": "app:1", "Results": [{"Target": "Java", "Class": "lang-pkgs", "Type": "jar",
                  "Vulnerabilities": [
                    {"VulnerabilityID": "CVE-2021-44228", "PkgName": "org.apache.logging.log4j:log4j-core", "InstalledVersion": "2.14.1",
                     "PkgPath": "app/lib/log4j-core-2.14.1.jar", "Severity": "CRITICAL"},
                    {"VulnerabilityID": "CVE-2021-44228", "PkgName": "org.apache.logging.log4j:log4j-core", "InstalledVersion": "2.14.1",
                     "PkgPath": "app/plugins/search.jar/BOOT-INF/lib/log4j-core-2.14.1.jar", "Severity": "CRITICAL"}]}]}
                """);

        assertThat(findings).extracting(NormalizedFinding::fingerprint).containsOnly(findings.get(0).fingerprint());
        assertThat(findings).flatExtracting(NormalizedFinding::locations)
                .containsExactly("app/lib/log4j-core-2.14.1.jar", "app/plugins/search.jar/BOOT-INF/lib/log4j-core-2.14.1.jar");
    }

    @Test
    void kubescapeNamesTheFieldsThatFailTheControl() throws Exception {
        List<NormalizedFinding> findings = new ArrayList<>();
        new KubescapeParser().parse(Fixtures.dir().resolve("kubescape/dd_with_a_failure.json"), findings::add);

        assertThat(findings).anySatisfy(f -> assertThat(f.locations())
                .contains("spec.template.spec.containers[0].securityContext.seccompProfile"));
    }

    @Test
    void anAsffFindingOnSeveralResourcesKeepsTheOthers() throws Exception {
        List<NormalizedFinding> findings = parse("inspector.asff.json", """
                [{"SchemaVersion": "2018-10-08", "Id": "f-1", "ProductArn": "arn:aws:securityhub:eu-west-1::product/aws/inspector",
                  "GeneratorId": "AWSInspector", "AwsAccountId": "123456789012", "Types": ["Software and Configuration Checks/Vulnerabilities/CVE"],
                  "CreatedAt": "2024-01-01T00:00:00Z", "UpdatedAt": "2024-01-01T00:00:00Z", "Severity": {"Label": "HIGH"},
                  "Title": "CVE-2023-0001 - openssl", "Description": "d", "RecordState": "ACTIVE", "Workflow": {"Status": "NEW"},
                  "Resources": [{"Type": "AwsEc2Instance", "Id": "arn:aws:ec2:eu-west-1:123456789012:instance/i-1"},
                                {"Type": "AwsEc2Instance", "Id": "arn:aws:ec2:eu-west-1:123456789012:instance/i-2"}]}]
                """);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo("arn:aws:ec2:eu-west-1:123456789012:instance/i-1");
            assertThat(f.locations()).containsExactly("arn:aws:ec2:eu-west-1:123456789012:instance/i-2");
        });
    }
}
