package io.nubicustos.model.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class UploadTokenTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final UploadToken CLAIMS = new UploadToken("s202611230200", "security", "prowler-aws", "uid-1", NOW.plusSeconds(3600));

    @Test
    void aSignedTokenVerifiesToItsClaims() {
        assertThat(UploadToken.verify(CLAIMS.sign(KEY), KEY, NOW)).contains(CLAIMS);
    }

    @Test
    void anotherKeyAnExpiredTokenOrATamperedPayloadFail() {
        String token = CLAIMS.sign(KEY);
        assertThat(UploadToken.verify(token, OTHER_KEY, NOW)).isEmpty();
        assertThat(UploadToken.verify(token, KEY, CLAIMS.expiresAt())).isEmpty();

        String[] parts = token.split("\\.");
        String otherRun = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("s999|security|prowler-aws|uid-1|" + CLAIMS.expiresAt().getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        assertThat(UploadToken.verify(parts[0] + "." + otherRun + "." + parts[2], KEY, NOW)).as("run id swapped").isEmpty();
    }

    @Test
    void garbageIsRejectedWithoutExceptions() {
        for (String garbage : new String[] { null, "", "v1", "v1..", "v2.a.b", "v1.!!!.@@@", "v1.YQ.YQ", CLAIMS.sign(KEY) + "x" }) {
            assertThat(UploadToken.verify(garbage, KEY, NOW)).as(String.valueOf(garbage)).isEmpty();
        }
    }

    @Test
    void shortKeysAndSeparatorsInFieldsAreRefused() {
        assertThatThrownBy(() -> CLAIMS.sign(new byte[16])).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> new UploadToken("a|b", "ns", "n", "u", NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringNeverShowsTheSignature() {
        String token = CLAIMS.sign(KEY);
        assertThat(CLAIMS.toString()).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    @org.junit.jupiter.api.Test
    void theScopeIsSignedAndAnEarlierTokenWithoutOneIsNamespaceScoped() {
        byte[] key = new byte[32];
        UploadToken cluster = new UploadToken("g1", "security", "audit", "uid-1", NOW.plusSeconds(3600), true);
        org.assertj.core.api.Assertions.assertThat(UploadToken.verify(cluster.sign(key), key, NOW)).contains(cluster);
        org.assertj.core.api.Assertions.assertThat(UploadToken.verify(CLAIMS.sign(key), key, NOW).orElseThrow().clusterWide()).isFalse();

        // A namespace token whose payload is edited to say cluster: the signature no longer holds.
        String[] parts = CLAIMS.sign(key).split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        String widened = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("|namespace", "|cluster").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        org.assertj.core.api.Assertions.assertThat(UploadToken.verify(parts[0] + "." + widened + "." + parts[2], key, NOW)).isEmpty();
    }

    @Test
    void toolAndProviderAreSignedInAndAnEarlierTokenNamesNeither() {
        UploadToken trivy = new UploadToken("g1", "security", "images", "uid-1", NOW.plusSeconds(3600), false, "trivy", "kubernetes");
        assertThat(UploadToken.verify(trivy.sign(KEY), KEY, NOW)).contains(trivy);
        UploadToken earlier = UploadToken.verify(CLAIMS.sign(KEY), KEY, NOW).orElseThrow();
        assertThat(earlier.tool()).isNull();
        assertThat(earlier.provider()).isNull();

        // The tool edited into another: the signature no longer holds.
        String[] parts = trivy.sign(KEY).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String edited = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace("|trivy|", "|prowler|").getBytes(StandardCharsets.UTF_8));
        assertThat(UploadToken.verify(parts[0] + "." + edited + "." + parts[2], KEY, NOW)).isEmpty();
    }

    @Test
    void aToolWithoutAProviderOrANameThatIsNoNameIsRefused() {
        assertThatThrownBy(() -> new UploadToken("g1", "ns", "n", "u", NOW, false, "trivy", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UploadToken("g1", "ns", "n", "u", NOW, false, "Trivy|x", "aws")).isInstanceOf(IllegalArgumentException.class);
    }
}
