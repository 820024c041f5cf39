package io.nubicustos.findings.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.nubicustos.findings.http.InvalidInput;
import io.nubicustos.findings.support.Plant;
import io.nubicustos.model.ingest.IngestChunk;

/** What the scanner sends passes; the checks' messages name fields, never values. */
class ChunkChecksTest {

    static final ObjectMapper QUARKUS_LIKE = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final ObjectMapper BOUNDED = ChunkChecks.boundedMapper(QUARKUS_LIKE);
    static final ObjectMapper SCANNER = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    @Test
    void findingsAsTheScannerWritesThemPass() throws Exception {
        byte[] body = SCANNER.writeValueAsBytes(Map.of("tool", "prowler", "provider", "aws", "findings", Plant.spread("ok", 20), "controls", List.of()));
        IngestChunk chunk;
        try {
            chunk = ChunkChecks.read(BOUNDED, body);
            ChunkChecks.validate(chunk, 5000);
        } catch (InvalidInput e) {
            throw new AssertionError(e.getMessage(), e);
        }
        assertThat(chunk.findings()).hasSize(20);
    }

    @Test
    void aMapKeyOfTheSenderIsNeverRepeated() {
        byte[] body = "{\"tool\":\"prowler\",\"provider\":\"aws\",\"findings\":[{\"compliance\":{\"PLANTED\":{\"x\":1}}}]}".getBytes();
        assertThatThrownBy(() -> ChunkChecks.read(BOUNDED, body)).isInstanceOf(InvalidInput.class)
                .hasMessage("invalid chunk: findings[0].compliance has the wrong type or an unknown value");
    }

    @Test
    void placesBeyondTheirBoundsAreRefusedByNameAndTheScannersPass() throws Exception {
        var finding = Plant.spread("places", 1).get(0);
        List<String> tooMany = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "PLANTED-" + i).toList();
        for (var bad : List.of(unbounded(finding, tooMany), unbounded(finding, List.of("PLANTED".repeat(200))))) {
            byte[] body = SCANNER.writeValueAsBytes(Map.of("tool", "prowler", "provider", "aws", "findings", List.of(bad), "controls", List.of()));
            assertThatThrownBy(() -> ChunkChecks.validate(ChunkChecks.read(BOUNDED, body), 5000)).isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("findings[0].locations").hasMessageNotContaining("PLANTED");
        }
        byte[] body = SCANNER.writeValueAsBytes(Map.of("tool", "prowler", "provider", "aws", "findings", List.of(finding.at(tooMany)), "controls", List.of()));
        assertThat(ChunkChecks.read(BOUNDED, body).findings().get(0).locations()).hasSize(100);
    }

    /** A finding with places as a sender that ignores the bounds would write them. */
    static io.nubicustos.model.finding.NormalizedFinding unbounded(io.nubicustos.model.finding.NormalizedFinding f, List<String> places) {
        return new io.nubicustos.model.finding.NormalizedFinding(f.tool(), f.checkId(), f.control(), f.severity(), f.title(), f.description(),
                f.remediation(), f.provider(), f.account(), f.region(), f.namespace(), f.resourceType(), f.resource(), f.compliance(),
                f.fingerprint(), places);
    }
}
