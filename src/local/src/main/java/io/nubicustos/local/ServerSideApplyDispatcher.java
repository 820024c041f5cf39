package io.nubicustos.local;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The mock server's CRUD store, plus server-side apply as the operator uses it in production
 * (the mock answers 415 to {@code application/apply-patch+yaml}). Approximated for one field
 * manager, the local operator: create when absent; else the applied object's fields replace the
 * stored ones (spec, data… or, on {@code /status}, the status), so a field the operator stops
 * applying disappears as with real server-side apply (a run's {@code completedAt} must not
 * survive into the next run), while labels and annotations are merged.
 */
final class ServerSideApplyDispatcher extends KubernetesCrudDispatcher {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    ServerSideApplyDispatcher() {
        super(List.of());
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        if (type == null || !type.startsWith("application/apply-patch")) {
            return super.handlePatch(request);
        }
        JsonNode applied;
        try {
            applied = YAML.readTree(request.getUtf8Body());
        } catch (java.io.IOException e) {
            return new MockResponse().setResponseCode(400).setBody("the applied object is not YAML or JSON");
        }
        String path = request.getPath();
        String resource = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        boolean status = resource.endsWith("/status");
        MockResponse stored = handleGet(status ? resource.substring(0, resource.length() - "/status".length()) : resource);
        if (stored.code() == 404 && !status) {
            String collection = resource.substring(0, resource.lastIndexOf('/'));
            return handleCreate(request(request, HttpMethod.POST, collection, "application/json", applied.toString()));
        }
        JsonNode current;
        try {
            current = stored.code() == 200 ? JSON.readTree(stored.getBody().readUtf8()) : JSON.createObjectNode();
        } catch (java.io.IOException e) {
            current = JSON.createObjectNode();
        }
        // A JSON Patch, not a merge patch: the mock store merges a merge patch's arrays by appending, so every
        // status write would add the conditions and history again (and its diffs grow quadratically).
        // Without the query: the store recognizes a status subresource only by a path that ends in /status.
        return super.handlePatch(request(request, HttpMethod.PATCH, resource, "application/json-patch+json",
                operations(current, applied, status).toString()));
    }

    /**
     * The JSON Patch that applies {@code applied} over {@code current} as server-side apply does for
     * its only field manager: on {@code /status} the status is replaced; otherwise every applied
     * top-level field but metadata and status is replaced (an apply of metadata alone, as when a
     * finalizer is added, leaves the spec), and labels, annotations, owner references and finalizers
     * are taken from the applied object over the stored ones.
     */
    static ArrayNode operations(JsonNode current, JsonNode applied, boolean status) {
        ArrayNode ops = JSON.createArrayNode();
        if (status) {
            ops.add(operation("add", "/status", applied.path("status")));
            return ops;
        }
        applied.fields().forEachRemaining(field -> {
            if (!OWN.contains(field.getKey())) {
                ops.add(operation("add", "/" + field.getKey(), field.getValue()));
            }
        });
        ObjectNode metadata = current.path("metadata").isObject() ? ((ObjectNode) current.path("metadata")).deepCopy() : JSON.createObjectNode();
        JsonNode appliedMetadata = applied.path("metadata");
        for (String map : List.of("labels", "annotations")) {
            if (appliedMetadata.path(map).isObject()) {
                ObjectNode merged = metadata.path(map).isObject() ? (ObjectNode) metadata.path(map) : metadata.putObject(map);
                merged.setAll((ObjectNode) appliedMetadata.path(map));
            }
        }
        for (String list : List.of("ownerReferences", "finalizers")) {
            if (appliedMetadata.path(list).isArray()) {
                metadata.set(list, appliedMetadata.path(list));
            }
        }
        ops.add(operation("add", "/metadata", metadata));
        return ops;
    }

    /** Fields apply never replaces wholesale. */
    private static final java.util.Set<String> OWN = java.util.Set.of("metadata", "status", "apiVersion", "kind");

    private static ObjectNode operation(String op, String path, JsonNode value) {
        ObjectNode operation = JSON.createObjectNode().put("op", op).put("path", path);
        operation.set("value", value);
        return operation;
    }

    private static RecordedRequest request(RecordedRequest original, HttpMethod method, String path, String type, String body) {
        var headers = original.getHeaders().newBuilder().set("Content-Type", type).build();
        return new RecordedRequest(original.getHttpVersion(), method, path, headers, new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }
}
