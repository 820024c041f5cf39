package io.nubicustos.findings.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiKeyHasherTest {

    final ApiKeyHasher hasher = new ApiKeyHasher("a-key-hash-secret-of-at-least-32-bytes!");

    @Test
    void keysAreRandomWellFormedAndVerifiedOnlyByTheirOwnHash() {
        ApiKeyHasher.NewKey a = ApiKeyHasher.generate();
        ApiKeyHasher.NewKey b = ApiKeyHasher.generate();
        assertThat(a.key()).isNotEqualTo(b.key()).matches("nbk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
        assertThat(ApiKeyHasher.idOf(a.key())).contains(a.id());
        assertThat(hasher.matches(a.key(), hasher.hash(a.key()))).isTrue();
        assertThat(hasher.matches(b.key(), hasher.hash(a.key()))).isFalse();
        assertThat(a.toString()).doesNotContain(a.key().substring(17));
    }

    @Test
    void theHashDependsOnTheServerSecret() {
        ApiKeyHasher other = new ApiKeyHasher("another-key-hash-secret-of-32-bytes!!");
        String key = ApiKeyHasher.generate().key();
        assertThat(other.matches(key, hasher.hash(key))).isFalse();
        assertThatThrownBy(() -> new ApiKeyHasher("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheProjectsFormatYieldsAnId() {
        assertThat(ApiKeyHasher.idOf("nbk_0123456789ab_" + "x".repeat(43))).contains("0123456789ab");
        assertThat(ApiKeyHasher.idOf("nbk_0123456789ab_" + "x".repeat(44))).isEmpty();
        assertThat(ApiKeyHasher.idOf("anything")).isEmpty();
        assertThat(ApiKeyHasher.idOf(null)).isEmpty();
    }

    @Test
    void rolesIncludeTheOnesBelow() {
        assertThat(Role.ADMIN.granted()).containsExactlyInAnyOrder("admin", "operator", "viewer");
        assertThat(Role.VIEWER.granted()).containsExactly("viewer");
        assertThatThrownBy(() -> Role.parse("root")).isInstanceOf(IllegalArgumentException.class);
    }
}
