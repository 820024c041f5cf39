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
}
