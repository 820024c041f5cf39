package io.nubicustos.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The findings API's ingest endpoints on a local port: records every chunk and completion per run. */
final class FakeIngest implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("/api/ingest/runs/([^/]+)/(chunks/(\\d+)|complete)");

    record Chunk(String runId, int n, String authorization, JsonNode body) {
    }

    final List<Chunk> chunks = Collections.synchronizedList(new ArrayList<>());
    final Map<String, JsonNode> completions = new ConcurrentHashMap<>();
    /** Runs whose chunks are refused with 400 and this message (which may echo anything back). */
    final Map<String, String> refusals = new ConcurrentHashMap<>();
    /** Called on every chunk, while the scanner waits for the answer. */
    volatile Runnable onChunk = () -> { };
    private final HttpServer server;

    FakeIngest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/ingest/runs/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
        if (!"POST".equals(exchange.getRequestMethod()) || !m.matches()) {
            answer(exchange, 404, "{\"message\":\"not found\"}");
            return;
        }
        String runId = m.group(1);
        if (refusals.containsKey(runId)) {
            answer(exchange, 400, JSON.writeValueAsString(Map.of("message", refusals.get(runId))));
            return;
        }
        JsonNode body = JSON.readTree(request);
        if (m.group(3) != null) {
            int n = Integer.parseInt(m.group(3));
            onChunk.run();
            chunks.add(new Chunk(runId, n, exchange.getRequestHeaders().getFirst("Authorization"), body));
            answer(exchange, 200, JSON.writeValueAsString(Map.of("chunk", n, "findings", body.path("findings").size(), "duplicate", false)));
        } else {
            completions.put(runId, body);
            // As the API answers: the run's counts by severity, which the scanner passes on to the operator.
            ObjectNode done = JSON.createObjectNode().put("runId", runId).put("outcome", "succeeded")
                    .put("findings", findings(runId).size()).put("resolved", 0);
            for (String severity : List.of("critical", "high", "medium", "low", "info")) {
                done.put(severity, findings(runId).stream().filter(f -> severity.equals(f.path("severity").asText().toLowerCase())).count());
            }
            answer(exchange, 200, done.toString());
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    List<Chunk> chunks(String runId) {
        synchronized (chunks) {
            return chunks.stream().filter(c -> c.runId().equals(runId)).toList();
        }
    }

    List<JsonNode> findings(String runId) {
        List<JsonNode> all = new ArrayList<>();
        chunks(runId).forEach(c -> c.body().path("findings").forEach(all::add));
        return all;
    }

    List<JsonNode> edges(String runId) {
        List<JsonNode> all = new ArrayList<>();
        chunks(runId).forEach(c -> c.body().path("edges").forEach(all::add));
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
