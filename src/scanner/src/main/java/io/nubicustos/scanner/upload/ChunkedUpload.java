package io.nubicustos.scanner.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.nubicustos.api.v1alpha1.common.Severity;
import io.nubicustos.model.finding.NormalizedFinding;

/**
 * Groups findings into numbered chunks and sends each. Chunks are serialized deterministically
 * (map keys sorted), so a restarted scanner re-sends byte-identical chunks, which the API
 * recognizes and writes once.
 */
public final class ChunkedUpload {

    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final IngestClient client;
    private final String tool;
    private final String provider;
    private final int chunkSize;
    private final List<NormalizedFinding> pending = new ArrayList<>();
    private final Map<Severity, Long> counts = new EnumMap<>(Severity.class);
    private int chunks;

    public ChunkedUpload(IngestClient client, String tool, String provider, int chunkSize) {
        this.client = client;
        this.tool = tool;
        this.provider = provider;
        this.chunkSize = chunkSize;
    }

    public void add(NormalizedFinding finding) {
        pending.add(finding);
        counts.merge(finding.severity(), 1L, Long::sum);
        if (pending.size() >= chunkSize) {
            flush();
        }
    }

    /** Sends what is pending and completes the run; returns the API's answer. */
    public String complete() throws IOException, InterruptedException {
        flush();
        return client.complete("succeeded", chunks);
    }

    /** Counts by severity, for the pod's termination message the operator reads. */
    public String countsJson() {
        StringBuilder out = new StringBuilder("{");
        long total = 0;
        for (Severity s : Severity.values()) {
            long n = counts.getOrDefault(s, 0L);
            total += n;
            out.append('"').append(s.name().toLowerCase(java.util.Locale.ROOT)).append("\":").append(n).append(',');
        }
        return out.append("\"total\":").append(total).append('}').toString();
    }

    public int chunks() {
        return chunks;
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            byte[] body = JSON.writeValueAsBytes(Map.of("tool", tool, "provider", provider, "findings", pending, "controls", List.of()));
            client.sendChunk(chunks, body);
            chunks++;
            pending.clear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted"));
        }
    }
}
