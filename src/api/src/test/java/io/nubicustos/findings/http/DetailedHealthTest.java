package io.nubicustos.findings.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DetailedHealthTest {

    @Test
    void aFailingDependencyIsDownWithAFixedWordNotItsExceptionOrAddress() {
        DetailedHealthResource.Dependency down = DetailedHealthResource.check(() -> {
            throw new IllegalStateException(new java.net.ConnectException("Connection refused: db.internal/10.0.0.7:5432"));
        }, Duration.ofSeconds(2));
        assertThat(down.status()).isEqualTo("DOWN");
        assertThat(down.error()).isEqualTo("unavailable");
        assertThat(down.toString()).doesNotContain("Exception").doesNotContain("10.0.0.7").doesNotContain("db.internal");
        DetailedHealthResource.Dependency up = DetailedHealthResource.check(() -> "17.6", Duration.ofSeconds(2));
        assertThat(up.status()).isEqualTo("UP");
        assertThat(up.version()).isEqualTo("17.6");
    }
}
