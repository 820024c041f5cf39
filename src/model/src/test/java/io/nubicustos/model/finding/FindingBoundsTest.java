package io.nubicustos.model.finding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.nubicustos.model.finding.Severity;

class FindingBoundsTest {

    @Test
    void aToolsLongTextsAreShortenedToWhatTheApiTakesButIdentitiesAreNot() {
        String resource = "arn:aws:s3:::" + "b".repeat(1500);
        NormalizedFinding f = NormalizedFinding.of("trivy", "CVE-2024-0001", Severity.HIGH, "t".repeat(5000), "d".repeat(30_000),
                "r".repeat(FindingBounds.TEXT), null, "acct", null, null, "package", resource, Map.of());
        assertThat(f.title()).hasSize(FindingBounds.TITLE).endsWith("\u2026");
        assertThat(f.description()).hasSize(FindingBounds.TEXT).endsWith("\u2026");
        assertThat(f.remediation()).isEqualTo("r".repeat(FindingBounds.TEXT));
        assertThat(f.resource()).isEqualTo(resource);
        assertThat(f.fingerprint()).isEqualTo(Fingerprints.of(f.control(), "acct", resource));
    }

    @Test
    void shorteningNeverSplitsASurrogatePair() {
        String text = "a".repeat(8) + "\uD83D\uDE00" + "b".repeat(10);
        String shortened = FindingBounds.shorten(text, 10);
        assertThat(shortened).hasSizeLessThanOrEqualTo(10).isEqualTo("a".repeat(8) + "\u2026");
    }
}
