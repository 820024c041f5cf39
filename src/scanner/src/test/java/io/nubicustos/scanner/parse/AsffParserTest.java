package io.nubicustos.scanner.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.finding.NormalizedFinding;

/**
 * ASFF from producers other than Prowler, written to the AWS Security Hub User Guide's "AWS
 * Security Finding Format (ASFF)" pages (required top-level attributes SchemaVersion, Id,
 * ProductArn, GeneratorId, AwsAccountId, Types, CreatedAt, UpdatedAt, Severity, Title,
 * Description, Resources; optional ProductName, RecordState, Workflow, Compliance,
 * Vulnerabilities), the smallest each case needs. Prowler's own ASFF is in ReportParsersTest.
 */
class AsffParserTest {

    @TempDir
    Path tmp;

    final List<NormalizedFinding> findings = new ArrayList<>();

    static String finding(String product, String company, String id, String generator, String extra) {
        return "{\"SchemaVersion\":\"2018-10-08\",\"Id\":\"" + id + "\",\"ProductArn\":\"arn:aws:securityhub:us-east-1::product/" + company + "/"
                + product.toLowerCase().replace(" ", "") + "\",\"ProductName\":\"" + product + "\",\"CompanyName\":\"Amazon\",\"GeneratorId\":\""
                + generator + "\",\"AwsAccountId\":\"123456789012\",\"CreatedAt\":\"2024-05-01T10:00:00Z\",\"UpdatedAt\":\"2024-05-01T10:00:00Z\","
                + "\"Title\":\"t " + id + "\",\"Description\":\"d\"," + extra + "}";
    }

    static String inspectorCve(int n, String cve, String label) {
        return finding("Inspector", "aws", "arn:aws:inspector2:us-east-1:123456789012:finding/f" + n, "AWSInspector",
                "\"Types\":[\"Software and Configuration Checks/Vulnerabilities/CVE\"],\"Severity\":{\"Label\":\"" + label + "\"},"
                        + "\"RecordState\":\"ACTIVE\",\"Workflow\":{\"Status\":\"NEW\"},"
                        + "\"Resources\":[{\"Type\":\"AwsEc2Instance\",\"Id\":\"arn:aws:ec2:us-east-1:123456789012:instance/i-0" + n
                        + "\",\"Partition\":\"aws\",\"Region\":\"us-east-1\"}],"
                        + "\"Vulnerabilities\":[{\"Id\":\"" + cve + "\",\"VulnerablePackages\":[{\"Name\":\"openssl\",\"Version\":\"1.0.2k\"}]}]");
    }

    ReportParser.ParseSummary parse(String json) throws IOException, ReportException {
        Path file = Files.writeString(tmp.resolve("findings.asff.json"), json);
        assertThat(ReportFormatDetector.detect(file)).isEqualTo(ReportFormat.ASFF);
        return ReportParsers.forFormat(ReportFormat.ASFF).orElseThrow().parse(file, findings::add);
    }

    @Test
    void anInspectorExportOfFiveActiveCvesIsFiveFindingsOnTheirCves() throws Exception {
        var summary = parse("[" + inspectorCve(1, "CVE-2023-0286", "HIGH") + "," + inspectorCve(2, "CVE-2023-0215", "MEDIUM") + ","
                + inspectorCve(3, "CVE-2022-4450", "MEDIUM") + "," + inspectorCve(4, "CVE-2023-0464", "LOW") + ","
                + inspectorCve(5, "CVE-2022-3602", "CRITICAL") + "]");

        assertThat(summary.findings()).isEqualTo(5);
        assertThat(findings).extracting(NormalizedFinding::checkId)
                .containsExactly("CVE-2023-0286", "CVE-2023-0215", "CVE-2022-4450", "CVE-2023-0464", "CVE-2022-3602");
        assertThat(findings).extracting(NormalizedFinding::severity)
                .containsExactly(Severity.HIGH, Severity.MEDIUM, Severity.MEDIUM, Severity.LOW, Severity.CRITICAL);
        assertThat(findings.get(0)).satisfies(f -> {
            assertThat(f.tool()).isEqualTo("inspector");
            assertThat(f.resource()).isEqualTo("arn:aws:ec2:us-east-1:123456789012:instance/i-01");
            assertThat(f.resourceType()).isEqualTo("AwsEc2Instance");
            assertThat(f.account()).isEqualTo("123456789012");
            assertThat(f.region()).isEqualTo("us-east-1");
        });
    }

    @Test
    void securityHubControlsFailOnComplianceUnlessSuppressedOrArchived() throws Exception {
        String control = "\"Types\":[\"Software and Configuration Checks/Industry and Regulatory Standards\"],\"Severity\":{\"Label\":\"CRITICAL\"},"
                + "\"Resources\":[{\"Type\":\"AwsAccount\",\"Id\":\"AWS::::Account:123456789012\",\"Region\":\"us-east-1\"}],";
        var summary = parse("[" + finding("Security Hub", "aws", "a1", "security-control/IAM.6",
                control + "\"RecordState\":\"ACTIVE\",\"Workflow\":{\"Status\":\"NEW\"},\"Compliance\":{\"Status\":\"FAILED\"}") + ","
                + finding("Security Hub", "aws", "a2", "security-control/IAM.4",
                        control + "\"RecordState\":\"ACTIVE\",\"Workflow\":{\"Status\":\"RESOLVED\"},\"Compliance\":{\"Status\":\"PASSED\"}") + ","
                + finding("Security Hub", "aws", "a3", "security-control/IAM.9",
                        control + "\"RecordState\":\"ACTIVE\",\"Workflow\":{\"Status\":\"SUPPRESSED\"},\"Compliance\":{\"Status\":\"FAILED\"}") + ","
                + finding("Security Hub", "aws", "a4", "security-control/S3.1",
                        control + "\"RecordState\":\"ARCHIVED\",\"Workflow\":{\"Status\":\"NEW\"},\"Compliance\":{\"Status\":\"FAILED\"}") + ","
                + finding("Security Hub", "aws", "a5", "security-control/S3.8",
                        control + "\"RecordState\":\"ACTIVE\",\"Workflow\":{\"Status\":\"NOTIFIED\"},\"Compliance\":{\"Status\":\"PASSED\"}") + "]");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.tool()).isEqualTo("security-hub");
            assertThat(f.checkId()).isEqualTo("security-control/IAM.6");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        });
        assertThat(summary.passed()).isEqualTo(1);
        assertThat(summary.skipped()).as("resolved and archived").isEqualTo(2);
        assertThat(summary.suppressed()).isEqualTo(1);
    }

    @Test
    void guardDutyThreatsWithoutComplianceAreFindingsWhileOpen() throws Exception {
        String threat = "\"Types\":[\"TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce\"],"
                + "\"Resources\":[{\"Type\":\"AwsEc2Instance\",\"Id\":\"arn:aws:ec2:eu-west-1:123456789012:instance/i-9\",\"Region\":\"eu-west-1\"}],";
        var summary = parse("[" + finding("GuardDuty", "aws", "g1", "arn:aws:guardduty:eu-west-1:123456789012:detector/d1",
                threat + "\"Severity\":{\"Normalized\":50},\"RecordState\":\"ACTIVE\"") + ","
                + finding("GuardDuty", "aws", "g2", "arn:aws:guardduty:eu-west-1:123456789012:detector/d1",
                        threat + "\"Severity\":{\"Label\":\"HIGH\"},\"RecordState\":\"ACTIVE\",\"WorkflowState\":\"RESOLVED\"") + "]");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.tool()).isEqualTo("guardduty");
            assertThat(f.severity()).as("Normalized 50 is medium by the ASFF ranges").isEqualTo(Severity.MEDIUM);
            assertThat(f.resource()).isEqualTo("arn:aws:ec2:eu-west-1:123456789012:instance/i-9");
        });
        assertThat(summary.skipped()).isEqualTo(1);
    }

    /**
     * The three shapes ASFF files take: a bare array, the {"Findings": [...]} of Security Hub's
     * GetFindings response (with its NextToken) and BatchImportFindings request, and one finding per
     * line. The same findings read the same in each, and each is detected as ASFF.
     */
    @Test
    void anArrayTheFindingsObjectAndOneFindingPerLineReadAlike() throws Exception {
        List<String> asff = List.of(inspectorCve(1, "CVE-2023-0286", "HIGH"), inspectorCve(2, "CVE-2023-0215", "MEDIUM"),
                inspectorCve(3, "CVE-2022-4450", "LOW").replace("\"Workflow\":{\"Status\":\"NEW\"}", "\"Workflow\":{\"Status\":\"SUPPRESSED\"}"));
        List<List<NormalizedFinding>> read = new ArrayList<>();
        List<ReportParser.ParseSummary> summaries = new ArrayList<>();
        for (String shape : List.of("[" + String.join(",", asff) + "]", "{\"Findings\": [" + String.join(",", asff) + "], \"NextToken\": null}",
                String.join("\n", asff) + "\n")) {
            findings.clear();
            summaries.add(parse(shape));
            read.add(List.copyOf(findings));
        }

        assertThat(read.get(0)).extracting(NormalizedFinding::checkId).containsExactly("CVE-2023-0286", "CVE-2023-0215");
        assertThat(read).allSatisfy(shape -> assertThat(shape).isEqualTo(read.get(0)));
        assertThat(summaries).allSatisfy(summary -> {
            assertThat(summary.findings()).isEqualTo(2);
            assertThat(summary.suppressed()).isEqualTo(1);
        });
    }

    @Test
    void aLineThatIsNotAnObjectIsRefusedWithoutQuotingIt() throws IOException {
        Path file = Files.writeString(tmp.resolve("lines.asff.json"), inspectorCve(1, "CVE-2023-0286", "HIGH") + "\n\"AKIAIOSFODNN7EXAMPLE\"\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AsffParser().parse(file, f -> { })).isInstanceOf(ReportException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining("line 2").hasMessageNotContaining("AKIA");
    }

    @Test
    void prowlersAsffStaysProwlers() throws Exception {
        List<NormalizedFinding> prowler = ReportParsersTest.parse("prowler/dd_prowler-output.asff.json", null);
        assertThat(prowler).hasSize(286).allSatisfy(f -> {
            assertThat(f.tool()).isEqualTo("prowler");
            assertThat(f.checkId()).doesNotStartWith("prowler-");
        });
    }

    @Test
    void aReportOfOnlyClosedFindingsSaysSoInsteadOfAQuietZero() throws Exception {
        String closed = "\"Types\":[\"Software and Configuration Checks/Vulnerabilities/CVE\"],\"Severity\":{\"Label\":\"HIGH\"},"
                + "\"Resources\":[{\"Type\":\"AwsEcrContainerImage\",\"Id\":\"arn:aws:ecr:us-east-1:123456789012:repository/app/sha256:ab\"}],"
                + "\"Vulnerabilities\":[{\"Id\":\"CVE-2023-0286\"}],";
        Path file = Files.writeString(tmp.resolve("closed.asff.json"), "["
                + finding("Inspector", "aws", "c1", "AWSInspector", closed + "\"RecordState\":\"ARCHIVED\"") + ","
                + finding("Inspector", "aws", "c2", "AWSInspector", closed + "\"RecordState\":\"ACTIVE\",\"Workflow\":{\"Status\":\"SUPPRESSED\"}")
                + "]");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = io.nubicustos.scanner.ScannerCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        cli.execute("normalize", file.toString());

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains(file + ": asff, 0 findings, 0 passed or manual, 1 skipped").contains(", 1 suppressed (")
                .contains("warning: " + file + ": no findings from its 2 results: 1 skipped (not a failure, or not readable as a finding), 1 suppressed");
        assertThat(ReportContent.unusable(ReportFormat.ASFF, new AsffParser().parse(file, f -> { }))).get().asString()
                .contains("without any active or passed finding");
    }
}
