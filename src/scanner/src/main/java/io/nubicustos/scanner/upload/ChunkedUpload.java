package io.nubicustos.scanner.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.graph.GraphEdge;
import io.nubicustos.model.graph.GraphNode;
import io.nubicustos.model.ingest.CompletionResult;
import io.nubicustos.model.ingest.IngestChunk;

/**
 * Groups findings into numbered chunks and sends each, a few at a time: while PostgreSQL writes
 * one chunk, the API parses the next. The attack-path graph follows the findings in chunks of its
 * own, nodes sorted by key and edges by (from, type, to, action). Chunks are serialized
 * deterministically (map keys sorted), so a restarted scanner re-sends byte-identical chunks,
 * which the API recognizes and writes once.
 */
public final class ChunkedUpload {

    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private static final Comparator<GraphEdge> EDGE_ORDER = Comparator.comparing(GraphEdge::from).thenComparing(GraphEdge::type)
            .thenComparing(GraphEdge::to).thenComparing(GraphEdge::action, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final IngestClient client;
    private final String tool;
    private final String provider;
    private final int chunkSize;
    private final List<NormalizedFinding> pending = new ArrayList<>();
    private final Map<String, GraphNode> nodes = new TreeMap<>();
    private final Set<GraphEdge> edges = new TreeSet<>(EDGE_ORDER);
    private final java.util.concurrent.ExecutorService senders;
    private final java.util.concurrent.Semaphore inFlight;
    private final List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
    private int chunks;
    private long findings;

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
        findings++;
        if (pending.size() >= chunkSize) {
            flush();
        }
    }

    /** An asset for the attack-path graph, sent once the findings are; of two with the same key the first counts. */
    public void addNode(GraphNode node) {
        nodes.putIfAbsent(node.key(), node);
    }

    /** An edge for the attack-path graph, sent once the findings are; duplicates are sent once. */
    public void addEdge(GraphEdge edge) {
        edges.add(edge);
    }

    /**
     * Sends what is pending and the graph, waits for every chunk, and completes the run; returns the
     * API's answer. A run that added no finding declares an empty result: callers upload only a
     * report they read whole and found to stand for a scan ({@code ReportContent}), or a cluster
     * they read whole, so nothing to upload is then the scan's true result.
     */
    public CompletionResult complete() throws IOException, InterruptedException {
        flush();
        flushGraph();
        try {
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        } finally {
            senders.shutdownNow();
        }
        return client.complete("succeeded", chunks, findings == 0);
    }

    public int chunks() {
        return chunks;
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        send(new IngestChunk(tool, provider, pending, List.of(), List.of(), List.of()));
        pending.clear();
    }

    /** The graph in chunks of at most chunkSize items, nodes first, numbered on from the findings'. */
    private void flushGraph() {
        List<GraphNode> allNodes = List.copyOf(nodes.values());
        List<GraphEdge> allEdges = List.copyOf(edges);
        int total = allNodes.size() + allEdges.size();
        for (int start = 0; start < total; start += chunkSize) {
            int end = Math.min(total, start + chunkSize);
            List<GraphNode> chunkNodes = allNodes.subList(Math.min(start, allNodes.size()), Math.min(end, allNodes.size()));
            List<GraphEdge> chunkEdges = allEdges.subList(Math.max(start - allNodes.size(), 0), Math.max(end - allNodes.size(), 0));
            send(new IngestChunk(tool, provider, List.of(), List.of(), chunkNodes, chunkEdges));
        }
    }

    /** Serializes a chunk now and sends it in the background once fewer than {@code parallel} are in flight. */
    private void send(IngestChunk chunk) {
        try {
            byte[] body = JSON.writeValueAsBytes(chunk);
            int n = chunks++;
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
