package io.nubicustos.model.finding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.nubicustos.model.finding.Severity;

class LocationsTest {

    static final NormalizedFinding FINDING = NormalizedFinding.of("trivy", "CVE-2021-44228", Severity.CRITICAL, "log4j", null, null, null,
            null, null, null, "package", "app:1#log4j-core@2.14.1", Map.of());

    @Test
    void placesAreDistinctInReportOrderWithoutBlanks() {
        List<String> places = new ArrayList<>(Arrays.asList("b.jar", " ", null, "a.jar", "b.jar", " a.jar "));
        assertThat(FINDING.at(places).locations()).containsExactly("b.jar", "a.jar");
        assertThat(FINDING.at((String) null).locations()).isEmpty();
    }

    @Test
    void placesAreBoundedInNumberAndLength() {
        List<String> many = IntStream.range(0, 250).mapToObj(i -> "lib/" + i + ".jar").toList();
        assertThat(FINDING.at(many).locations()).hasSize(FindingBounds.LOCATIONS).startsWith("lib/0.jar").endsWith("lib/99.jar");
        String longPlace = "x".repeat(FindingBounds.LOCATION * 3);
        assertThat(FINDING.at(longPlace).locations()).singleElement().satisfies(p -> assertThat(p).hasSize(FindingBounds.LOCATION).endsWith("\u2026"));
    }

    @Test
    void placesDoNotChangeTheIdentity() {
        assertThat(FINDING.at("lib/a.jar").fingerprint()).isEqualTo(FINDING.fingerprint());
        assertThat(FINDING.at("lib/a.jar")).isNotEqualTo(FINDING);
    }
}
