package io.nubicustos.model.finding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.nubicustos.model.finding.Severity;

class CheckAliasesTest {

    @Test
    void atLeastThirtyToolChecksAreAliased() {
        assertThat(CheckAliases.size()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void equivalentChecksShareAControlAndOthersAreTheirOwn() {
        assertThat(CheckAliases.canonical("prowler", "s3_bucket_public_access"))
                .isEqualTo(CheckAliases.canonical("scoutsuite", "s3-bucket-world-acl"))
                .isEqualTo(CheckAliases.canonical("checkov", "CKV_AWS_20"));
        assertThat(CheckAliases.canonical("kube-bench", "5.2.2")).isEqualTo(CheckAliases.canonical("trivy", "KSV017"));
        assertThat(CheckAliases.canonical("trivy", "CVE-2023-1234")).isEqualTo("trivy:cve-2023-1234");
    }

    @Test
    void severityWordsOfEveryToolMapOntoFive() {
        assertThat(SeverityMapping.of("Informational", Severity.LOW)).isEqualTo(Severity.INFO);
        assertThat(SeverityMapping.of("CRITICAL", Severity.LOW)).isEqualTo(Severity.CRITICAL);
        assertThat(SeverityMapping.of("danger", Severity.LOW)).isEqualTo(Severity.HIGH);
        assertThat(SeverityMapping.of("warning", Severity.LOW)).isEqualTo(Severity.MEDIUM);
        assertThat(SeverityMapping.of("note", Severity.INFO)).isEqualTo(Severity.LOW);
        assertThat(SeverityMapping.of("whatever", Severity.LOW)).isEqualTo(Severity.LOW);
        assertThat(SeverityMapping.ofScore(9.5)).isEqualTo(Severity.CRITICAL);
        assertThat(SeverityMapping.ofScore(0)).isEqualTo(Severity.INFO);
    }

    @Test
    void fingerprintsIgnoreCaseAndSurroundingSpaceButNotContent() {
        assertThat(Fingerprints.of("c", "123", "arn:aws:s3:::b")).isEqualTo(Fingerprints.of(" C ", "123", "ARN:aws:s3:::b"))
                .isNotEqualTo(Fingerprints.of("c", "124", "arn:aws:s3:::b"));
    }
}
