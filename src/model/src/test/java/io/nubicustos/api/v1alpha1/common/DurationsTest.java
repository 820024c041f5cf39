package io.nubicustos.api.v1alpha1.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({ "24h,PT24H", "8h,PT8H", "1h30m,PT1H30M", "90d,PT2160H", "500ms,PT0.5S", "1.5h,PT1H30M", "0s,PT0S" })
    void parsesGoDurationsAndDays(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "24", "h", "24x", "1h 30m", "-1h", "24h!", "P1D" })
    void rejectsAnythingElseWithAClearMessage(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration");
    }
}
