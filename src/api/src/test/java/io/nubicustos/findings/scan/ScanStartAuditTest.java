package io.nubicustos.findings.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScanStartAuditTest {

    @Test
    void theAuditKeepsTheArgumentsButNotTheValueOfAFlagNamedLikeASecret() {
        assertThat(ScanResource.auditedArgs(List.of("--compliance", "cis_3.0_aws", "--bc-api-key", "PLANTED-1", "--token=PLANTED-2",
                "--checks", "s3_bucket_public_access", "--client-secret", "--region", "eu-west-1")))
                .containsExactly("--compliance", "cis_3.0_aws", "--bc-api-key", "(redacted)", "--token=(redacted)", "--checks",
                        "s3_bucket_public_access", "--client-secret", "--region", "eu-west-1");
        assertThat(ScanResource.auditedArgs(null)).isEmpty();
    }
}
