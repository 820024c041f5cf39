package io.nubicustos.scanner.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.finding.Severity;

/**
 * Every layout each tool documents, one row each: the format detected, the counts of findings,
 * passed or manual, skipped and suppressed results, and one finding's identity and severity. A
 * {@code fixtures/} file is a real report (fixtures/SOURCES.md); a {@code layouts/} file is the
 * smallest report the tool's documented schema allows, named with the document it follows in
 * src/test/resources/layouts/README.md. The counts were worked out from the files, by the jq
 * expression or reading noted above each row, never taken from the parsers.
 */
class ReportLayoutsTest {

    static final Path LAYOUTS = Path.of("src/test/resources/layouts").toAbsolutePath();

    static Path file(String name) {
        return name.startsWith("layouts/") ? LAYOUTS.resolve(name.substring("layouts/".length())) : Fixtures.dir().resolve(name);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # tool and layout | file | format | findings | passed or manual | skipped | suppressed | check id | resource | severity
            #
            # Trivy. Vulnerabilities: [.Results[].Vulnerabilities[]?] | length; misconfigurations with Status FAIL; secrets.
            # 4 vulnerabilities
            trivy image | trivy/upstream_alpine-310.json | TRIVY_JSON | 4 | 0 | 0 | 0 | CVE-2019-1549 | testdata/fixtures/images/alpine-310.tar.gz (alpine 3.10.2)#libcrypto1.1@1.1.1c-r0 | MEDIUM
            # ArtifactType filesystem: 2 vulnerabilities (requirements.txt), 1 FAIL (Dockerfile, no StartLine), 2 secrets
            trivy filesystem | trivy/dd_misconfigurations_and_secrets.json | TRIVY_JSON | 5 | 0 | 0 | 0 | DS002 | Dockerfile | HIGH
            # ArtifactType repository: 2 secrets in deploy.sh (lines 3 and 7)
            trivy repository | trivy/upstream_secrets.json | TRIVY_JSON | 2 | 0 | 0 | 0 | aws-access-key-id | deploy.sh:3 | CRITICAL
            # Resources[]: 37 misconfigurations FAIL, no other status
            trivy k8s --report all | trivy/dd_k8s_resources_issue_9170.json | TRIVY_JSON | 37 | 0 | 0 | 0 | KSV116 | Service/default/kubernetes | LOW
            # Vulnerabilities[] (2 resources, 10 vulnerabilities) and Misconfigurations[] (4 resources, 10 FAIL)
            trivy k8s older split layout | trivy/dd_kubernetes.json | TRIVY_JSON | 20 | 0 | 0 | 0 | CVE-2020-27350 | Deployment/default/redis-follower#apt@1.8.2.1 | MEDIUM
            # Findings[]: KSV001 FAIL, KSV002 PASS and CVE-2023-4911 on Deployment web; KSV041 FAIL on ClusterRole admin
            trivy k8s --report summary | layouts/trivy/k8s-summary.json | TRIVY_JSON | 3 | 1 | 0 | 0 | KSV041 | ClusterRole//admin | CRITICAL
            # one OS package vulnerability, one Java one named only by its package URL
            trivy sbom (CycloneDX) | layouts/trivy/sbom-cyclonedx.json | TRIVY_JSON | 2 | 0 | 0 | 0 | CVE-2021-44228 | Java#pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 | CRITICAL
            trivy sbom (SPDX) | layouts/trivy/sbom-spdx.json | TRIVY_JSON | 2 | 0 | 0 | 0 | CVE-2024-4068 | Node.js#braces@3.0.2 | HIGH
            # top-level array: one target, 93 vulnerabilities
            trivy legacy list | trivy/dd_legacy_many_vulns.json | TRIVY_JSON | 93 | 0 | 0 | 0 | CVE-2011-3374 | debian (debian 10.8)#apt@1.8.2.2 | LOW
            # DS002 FAIL, DS001 PASS, DS026 EXCEPTION; 1 vulnerability; 2 ModifiedFindings (VEX, ignore file)
            trivy --show-suppressed | layouts/trivy/config-suppressed.json | TRIVY_JSON | 2 | 1 | 0 | 3 | DS002 | Dockerfile:1 | HIGH
            #
            # Kubescape v2: per resource, controls failed (status.status, or any rules[].status failed before 2.0.150).
            # 3 failed, 15 passed; C-0030 scoreFactor 6
            kubescape v2 | kubescape/dd_with_a_failure.json | KUBESCAPE_JSON | 3 | 15 | 0 | 0 | C-0030 | Deployment//nginx-deployment | MEDIUM
            # rules[].status only: 289 controls with a failed rule, 421 without; C-0017 scoreFactor 3
            kubescape v2 (rule statuses) | kubescape/dd_many_findings.json | KUBESCAPE_JSON | 289 | 421 | 0 | 0 | C-0017 | Deployment//paymentservice | LOW
            # C-0017 failed (scoreFactor 3); C-0016 passed w/exceptions; C-0030 skipped (manual review) and C-0034 passed
            kubescape v2 exceptions | layouts/kubescape/v2-exceptions.json | KUBESCAPE_JSON | 1 | 2 | 0 | 1 | C-0017 | Deployment/default/web | LOW
            # NSA: C-0057 on one pod (baseScore 8), C-0034 without alerts, C-0013 excepted; MITRE: C-0057 on the same pod again
            kubescape v1 framework list | layouts/kubescape/v1-frameworks.json | KUBESCAPE_JSON | 2 | 1 | 0 | 1 | C-0057 | Pod/kube-system/kube-proxy-4x2mz | HIGH
            # C-0046 on web (twice) and db (baseScore 7), C-0035 on a ClusterRoleBinding (baseScore 6)
            kubescape v1 posture report | layouts/kubescape/v1-posture.json | KUBESCAPE_JSON | 3 | 0 | 0 | 0 | C-0035 | ClusterRoleBinding//ops-admin | MEDIUM
            #
            # Checkov: results.failed_checks, passed_checks, skipped_checks per check type.
            checkov single object | checkov/dd_checkov-report-severity.json | CHECKOV_JSON | 4 | 0 | 0 | 0 | CKV_GCP_29 | /gcs.tf:1#google_storage_bucket.terragoat_website | MEDIUM
            # terraform 11 failed, 14 passed; dockerfile 2 failed, 1 passed
            checkov array of check types | checkov/dd_checkov-report-multiple-check_type.json | CHECKOV_JSON | 13 | 15 | 0 | 0 | CKV_DOCKER_3 | /aws/resources/Dockerfile:0#/aws/resources/Dockerfile. | MEDIUM
            checkov summary only | layouts/checkov/summary-only.json | CHECKOV_JSON | 0 | 0 | 0 | 0 | | |
            checkov with a skipped check | layouts/checkov/skipped.json | CHECKOV_JSON | 1 | 1 | 0 | 1 | CKV_K8S_20 | /deploy/web.yaml:1#Deployment.default.web | HIGH
            #
            # Prowler: FAIL results (status_code, Status, STATUS, CHECK_RESULT; ASFF Compliance.Status FAILED).
            # 2 FAIL, 3 MANUAL
            prowler OCSF (v5, aws) | prowler/upstream_example_output_aws.ocsf.json | PROWLER_OCSF | 2 | 3 | 0 | 0 | account_maintain_different_contact_details_to_security_billing_and_operations | arn:aws:iam::<account_uid>:root | MEDIUM
            # 5 FAIL, 1 PASS; an API server check is on its pod
            prowler OCSF (v5, kubernetes) | prowler/upstream_example_output_kubernetes.ocsf.json | PROWLER_OCSF | 5 | 1 | 0 | 0 | apiserver_always_pull_images_plugin | Pod/<namespace>/<pod> | MEDIUM
            prowler OCSF (v4) | prowler/dd_v4_many_vuln_after_4_5_0.ocsf.json | PROWLER_OCSF | 3 | 0 | 0 | 0 | iam_role_administratoraccess_policy_permissive_trust_relationship | arn:aws:iam::123456789012:role/myAdministratorExecutionRole | HIGH
            prowler v3 JSON | prowler/dd_v3_many_vuln.json | PROWLER_JSON | 3 | 0 | 0 | 0 | acm_certificates_expiration_check | arn:aws:acm:us-east-1:999999999999:certificate/ffffffff-0000-0000-0000-000000000000 | HIGH
            # 286 FAILED, 441 PASSED, 4 INFOED
            prowler ASFF | prowler/dd_prowler-output.asff.json | ASFF | 286 | 445 | 0 | 0 | accessanalyzer_enabled | 123456789012 | LOW
            # 4 rows FAIL; no resource column in v2: the account, region and service
            prowler CSV v2 | prowler/dd_v2_many_vuln.csv | PROWLER_CSV | 4 | 0 | 0 | 0 | check11 | aws-account/012345678910/us-east-1/iam | HIGH
            # 2 FAIL, 2 MANUAL
            prowler CSV v5 | prowler/upstream_example_output_aws.csv | PROWLER_CSV | 2 | 2 | 0 | 0 | accessanalyzer_enabled | <resource_uid> | LOW
            # one result per line: 4 FAIL, 1 Pass, 1 Info
            prowler v2 JSON lines | prowler/dd_v2_many_vuln.json | PROWLER_V2_JSON | 4 | 2 | 0 | 0 | check114 | MFA | CRITICAL
            #
            # ASFF as Security Hub exports it. S3.8 and S3.1 FAILED and open, S3.5 RESOLVED, S3.9 SUPPRESSED
            asff {"Findings": [...]} | layouts/asff/securityhub-findings.json | ASFF | 2 | 0 | 1 | 1 | security-control/S3.1 | arn:aws:s3:::payroll | CRITICAL
            # IAM.6 FAILED, IAM.4 PASSED, IAM.9 ARCHIVED
            asff one finding per line | layouts/asff/findings.ndjson | ASFF | 1 | 1 | 1 | 0 | security-control/IAM.6 | AWS::::Account:123456789012 | HIGH
            #
            # kube-bench: only FAIL is a finding; PASS, WARN and INFO are not failures. (.Controls // .)[].tests[].results[].status
            # 36 FAIL, 37 PASS, 49 WARN (Totals: total_fail 36)
            kube-bench object | kube-bench/dd_kube-bench-controls.json | KUBE_BENCH_JSON | 36 | 86 | 0 | 0 | 1.1.1 | node/master/1.1.1 | HIGH
            # 4 FAIL, 20 PASS
            kube-bench array | kube-bench/dd_kube-bench-report-many-vuln.json | KUBE_BENCH_JSON | 4 | 20 | 0 | 0 | 3.1.1 | node/node/3.1.1 | HIGH
            # 2 PASS, 1 WARN
            kube-bench with WARN | kube-bench/upstream_result.json | KUBE_BENCH_JSON | 0 | 3 | 0 | 0 | | |
            # 1 each of PASS, FAIL, WARN (type manual), INFO (type skip)
            kube-bench with WARN and INFO | layouts/kube-bench/info.json | KUBE_BENCH_JSON | 1 | 3 | 0 | 0 | 4.1.2 | node/node/4.1.2 | HIGH
            #
            # ScoutSuite: one finding per flagged item; a rule without items counts as passed.
            # 148 rules, 30 flagging 356 items
            scoutsuite aws | scoutsuite/dd_new2.js | SCOUTSUITE | 356 | 118 | 0 | 0 | cloudtrail-not-configured | aws:cloudtrail.regions.ap-northeast-1.NotConfigured | HIGH
            # 50 rules, 2 flagging 2 items each
            scoutsuite gcp | scoutsuite/dd_two_findings.js | SCOUTSUITE | 4 | 48 | 0 | 0 | cloudstorage-bucket-no-logging | gcp:cloudstorage.projects.gcp-project-id.buckets.52fc025e81845686d3c9fe5a5dc4f5e7ae740064.logging_enabled | MEDIUM
            #
            # SARIF: results of kind fail (the default), minus suppressed ones.
            # rules in tool.extensions; security-severity 8.8 decides over level error
            sarif CodeQL | layouts/sarif/codeql.sarif | SARIF | 2 | 0 | 0 | 0 | js/sql-injection | src/db.js:42 | HIGH
            # the debug-enabled result carries a nosemgrep suppression (kind inSource)
            sarif Semgrep | layouts/sarif/semgrep.sarif | SARIF | 1 | 0 | 0 | 1 | python.lang.security.audit.eval-detected.eval-detected | app/calc.py:12 | MEDIUM
            # messages by id and arguments, no text; levels error and note
            sarif SpotBugs | layouts/sarif/spotbugs.sarif | SARIF | 2 | 0 | 0 | 0 | NP_NULL_ON_SOME_PATH | com/example/App.java:27 | HIGH
            # levels error (hit level 4, rank 0.8) and note (hit level 1, rank 0.2): the level decides, not the rank
            sarif flawfinder | layouts/sarif/flawfinder.sarif | SARIF | 2 | 0 | 0 | 0 | FF1031 | src/parse.c:40 | LOW
            # Gitleaks 7 writes neither ruleId nor a rule reference, nor a level
            sarif Gitleaks | sarif/dd_gitleaks_7.5.0.sarif | SARIF | 8 | 0 | 0 | 0 | unknown-rule | dojo/unittests/scans/gitlab_secret_detection_report/gitlab_secret_detection_report_1_vuln.json:13 | MEDIUM
            # 9 results: 5 not suppressed (none, [], underReview, rejected, underReview+rejected), 3 suppressed, 1 pass
            sarif suppressions | layouts/sarif/suppressions.sarif | SARIF | 5 | 1 | 0 | 3 | SMP0001 | src/a.c:5 | MEDIUM
            """)
    void eachLayoutIsReadWithTheCountsItHolds(String layout, String name, ReportFormat format, long findings, long passed, long skipped,
            long suppressed, String checkId, String resource, Severity severity) throws ReportException {
        Path file = file(name);
        assertThat(ReportFormatDetector.detect(file)).isEqualTo(format);
        List<NormalizedFinding> parsed = new ArrayList<>();

        ReportParser.ParseSummary summary = ReportParsers.forFormat(format).orElseThrow().parse(file, parsed::add);

        assertThat(parsed).hasSize((int) findings);
        assertThat(summary.findings()).isEqualTo(findings);
        assertThat(summary.passed()).as("passed or manual").isEqualTo(passed);
        assertThat(summary.skipped()).as("skipped").isEqualTo(skipped);
        assertThat(summary.suppressed()).as("suppressed").isEqualTo(suppressed);
        if (checkId != null) {
            assertThat(parsed).filteredOn(f -> f.checkId().equals(checkId) && f.resource().equals(resource)).as(checkId + " on " + resource)
                    .isNotEmpty().allSatisfy(f -> assertThat(f.severity()).isEqualTo(severity));
        }
    }
}
