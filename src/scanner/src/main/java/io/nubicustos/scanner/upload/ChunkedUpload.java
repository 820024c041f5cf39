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
 * Groups findings into numbered chunks and sends each, a few at a time: while PostgreSQL writes
 * one chunk, the API parses the next. Chunks are serialized deterministically (map keys sorted),
 * so a restarted scanner re-sends byte-identical chunks, which the API recognizes and writes once.
 */
public final class ChunkedUpload {

    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final IngestClient client;
    private final String tool;
    private final String provider;
    private final int chunkSize;
    private final List<NormalizedFinding> pending = new ArrayList<>();
    private final Map<Severity, Long> counts = new EnumMap<>(Severity.class);
    private final java.util.concurrent.ExecutorService senders;
    private final java.util.concurrent.Semaphore inFlight;
    private final List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
    private int chunks;

    public ChunkedUpload(IngestClient client, String tool, String provider, int chunkSize) {
        this(client, tool, provider, chunkSize, 2);
    }

    /** @param parallel chunks in flight at once */
    public ChunkedUpload(IngestClient client, String tool, String provider, int chunkSize, int parallel) {
        this.client = client;
        this.tool = tool;
        this.provider = provider;
        this.chunkSize = chunkSize;
        this.senders = java.util.concurrent.Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "chunk-sender");
            t.setDaemon(true);
            return t;
        });
        this.inFlight = new java.util.concurrent.Semaphore(parallel);
    }

    public void add(NormalizedFinding finding) {
        pending.add(finding);
        counts.merge(finding.severity(), 1L, Long::sum);
        if (pending.size() >= chunkSize) {
            flush();
        }
    }

    /** Sends what is pending, waits for every chunk, and completes the run; returns the API's answer. */
    public String complete() throws IOException, InterruptedException {
        flush();
        try {
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        } finally {
            senders.shutdownNow();
        }
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
            int n = chunks++;
            pending.clear();
            failFast();
            inFlight.acquire();
            sent.add(senders.submit(() -> {
                try {
                    client.sendChunk(n, body);
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    inFlight.release();
                }
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted"));
        }
    }

    /** A chunk that failed for good stops the upload at once rather than at the end. */
    private void failFast() {
        for (java.util.concurrent.Future<?> f : sent) {
            if (f.isDone()) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof UncheckedIOException u ? u : new UncheckedIOException(new IOException(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UncheckedIOException(new IOException("interrupted"));
                }
            }
        }
        sent.removeIf(f -> f.isDone() && !f.isCancelled());
    }
}
