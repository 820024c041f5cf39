package io.nubicustos.scanner.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.graph.EdgeType;
import io.nubicustos.model.graph.GraphEdge;
import io.nubicustos.model.graph.GraphNode;
import io.nubicustos.model.ingest.CompletionResult;

class ChunkedUploadTest {

    /** The API's ingest endpoint on a local port: records every chunk by number, and the completion. */
    static final class FakeIngest implements AutoCloseable {

        final Map<Integer, String> chunks = new ConcurrentSkipListMap<>();
        final List<String> completions = Collections.synchronizedList(new ArrayList<>());
        volatile String answer = "{}";
        private final HttpServer server;

        FakeIngest() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/ingest/runs/run-1/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                if (path.endsWith("/complete")) {
                    completions.add(body);
                } else {
                    chunks.put(Integer.valueOf(path.substring(path.lastIndexOf('/') + 1)), body);
                }
                byte[] bytes = (path.endsWith("/complete") ? answer : "{}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
        }

        ChunkedUpload upload(int chunkSize) {
            IngestClient client = new IngestClient("http://127.0.0.1:" + server.getAddress().getPort(), "run-1", "token", 1,
                    Duration.ofMillis(10), Duration.ofMillis(10), message -> { });
            return new ChunkedUpload(client, "kubernetes", "kubernetes", chunkSize);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static final List<GraphNode> NODES = List.of(
            new GraphNode("Service/prod/api", "Service", "prod", Map.of("tier", "backend", "app", "api", "team", "core")),
            new GraphNode("Deployment/prod/api", "Deployment", "prod", Map.of("app", "api")),
            new GraphNode("Internet", "Internet", null, Map.of()));
    static final List<GraphEdge> EDGES = List.of(
            GraphEdge.of("Service/prod/api", EdgeType.CAN_REACH, "Deployment/prod/api"),
            GraphEdge.of("Internet", EdgeType.CAN_REACH, "Service/prod/api"),
            new GraphEdge("Role/prod/x", EdgeType.HAS_PERMISSION, "Secret/prod/*", "secrets/list"),
            new GraphEdge("Role/prod/x", EdgeType.HAS_PERMISSION, "Secret/prod/*", "secrets/get"),
            GraphEdge.of("Internet", EdgeType.CAN_REACH, "Service/prod/api"));

    static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    static NormalizedFinding finding(String resource) {
        return NormalizedFinding.of("kubernetes", "privileged", Severity.HIGH, "t", null, null, "kubernetes", "c", null, "prod",
                "Deployment", resource, Map.of());
    }

    @Test
    void theGraphFollowsTheFindingsSortedSoThatARestartSendsTheSameBytes() throws Exception {
        Map<Integer, String> first;
        try (FakeIngest api = new FakeIngest()) {
            ChunkedUpload upload = api.upload(2);
            upload.add(finding("Deployment/prod/a"));
            upload.add(finding("Deployment/prod/b"));
            upload.add(finding("Deployment/prod/c"));
            NODES.forEach(upload::addNode);
            EDGES.forEach(upload::addEdge);
            upload.complete();
            first = api.chunks;
            assertThat(api.completions).containsExactly("{\"outcome\":\"succeeded\",\"chunks\":6,\"emptyResult\":false}");
        }
        try (FakeIngest api = new FakeIngest()) {
            ChunkedUpload upload = api.upload(2);
            upload.add(finding("Deployment/prod/a"));
            upload.add(finding("Deployment/prod/b"));
            upload.add(finding("Deployment/prod/c"));
            reversed(NODES).forEach(upload::addNode);
            reversed(EDGES).forEach(upload::addEdge);
            upload.complete();
            assertThat(api.chunks).isEqualTo(first);
        }

        assertThat(first).containsOnlyKeys(0, 1, 2, 3, 4, 5);
        List<String> nodes = new ArrayList<>();
        List<String> edges = new ArrayList<>();
        for (int n = 2; n <= 5; n++) {
            JsonNode chunk = ChunkedUpload.JSON.readTree(first.get(n));
            assertThat(chunk.get("findings")).isEmpty();
            assertThat(chunk.get("controls")).isEmpty();
            assertThat(chunk.get("nodes").size() + chunk.get("edges").size()).isBetween(1, 2);
            chunk.get("nodes").forEach(node -> nodes.add(node.get("key").asText()));
            chunk.get("edges").forEach(edge -> edges.add(edge.get("from").asText() + " " + edge.get("type").asText() + " "
                    + edge.get("to").asText() + " " + edge.get("action").asText(null)));
        }
        assertThat(nodes).containsExactly("Deployment/prod/api", "Internet", "Service/prod/api");
        assertThat(edges).containsExactly("Internet CAN_REACH Service/prod/api null",
                "Role/prod/x HAS_PERMISSION Secret/prod/* secrets/get",
                "Role/prod/x HAS_PERMISSION Secret/prod/* secrets/list",
                "Service/prod/api CAN_REACH Deployment/prod/api null");
        // The model's IngestChunk, in its components' order, maps with sorted keys.
        assertThat(first.get(3)).isEqualTo("{\"tool\":\"kubernetes\",\"provider\":\"kubernetes\",\"findings\":[],\"controls\":[],"
                + "\"nodes\":[{\"key\":\"Service/prod/api\",\"kind\":\"Service\",\"namespace\":\"prod\","
                + "\"labels\":{\"app\":\"api\",\"team\":\"core\",\"tier\":\"backend\"}}],"
                + "\"edges\":[{\"from\":\"Internet\",\"type\":\"CAN_REACH\",\"to\":\"Service/prod/api\",\"action\":null}]}");
    }

    @Test
    void aRunWithoutFindingsStillSendsItsGraph() throws Exception {
        try (FakeIngest api = new FakeIngest()) {
            ChunkedUpload upload = api.upload(1000);
            NODES.forEach(upload::addNode);
            EDGES.forEach(upload::addEdge);
            upload.complete();
            assertThat(api.chunks).containsOnlyKeys(0);
            JsonNode chunk = ChunkedUpload.JSON.readTree(api.chunks.get(0));
            assertThat(chunk.get("nodes")).hasSize(3);
            assertThat(chunk.get("edges")).hasSize(4);
            assertThat(api.completions).containsExactly("{\"outcome\":\"succeeded\",\"chunks\":1,\"emptyResult\":true}");
        }
    }

    /**
     * Re-sent chunks must be byte-identical for the API to recognize them, but a finding's
     * compliance map (Map.copyOf) iterates in an order that changes from one JVM to the next.
     */
    @Test
    void chunksAreSerializedWithSortedKeys() throws Exception {
        Map<String, List<String>> compliance = new HashMap<>();
        for (String framework : List.of("SOC2", "CIS-3.0", "PCI-4.0", "NIST-800-53", "ISO27001", "HIPAA", "GDPR", "MITRE")) {
            compliance.put(framework, List.of("1"));
        }
        NormalizedFinding finding = NormalizedFinding.of("prowler", "s3_check", Severity.HIGH, "t", "d", "r", "aws", "123456789012",
                "eu-west-1", null, "AwsS3Bucket", "arn:aws:s3:::b", compliance);
        String json = new String(ChunkedUpload.JSON.writeValueAsBytes(Map.of("findings", List.of(finding), "tool", "prowler")));
        assertThat(json).startsWith("{\"findings\"");
        int previous = -1;
        for (String framework : List.of("CIS-3.0", "GDPR", "HIPAA", "ISO27001", "MITRE", "NIST-800-53", "PCI-4.0", "SOC2")) {
            int at = json.indexOf("\"" + framework + "\"");
            assertThat(at).as(framework).isGreaterThan(previous);
            previous = at;
        }
    }

    @Test
    void theRunsCountsAreTheApisAnswerNotTheScannersTally() throws Exception {
        try (FakeIngest api = new FakeIngest()) {
            api.answer = "{\"runId\":\"run-1\",\"outcome\":\"succeeded\",\"findings\":1,\"critical\":0,\"high\":1,\"medium\":0,"
                    + "\"low\":0,\"info\":0,\"resolved\":2,\"newerField\":true}";
            ChunkedUpload upload = api.upload(1000);
            // The same finding three times: the API stores it once, and says so.
            for (int i = 0; i < 3; i++) {
                upload.add(finding("Deployment/prod/a"));
            }
            CompletionResult result = upload.complete();
            assertThat(result).isEqualTo(new CompletionResult("run-1", "succeeded", 1, 0, 1, 0, 0, 0, 2));
        }
    }
}
