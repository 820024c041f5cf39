package io.nubicustos.local;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The mock server's CRUD store, plus server-side apply as the operator uses it in production
 * (the mock answers 415 to {@code application/apply-patch+yaml}). Approximated as create when
 * absent, else a JSON merge patch of the applied fields: exact enough for one local operator,
 * which is the only field manager here.
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
        String json;
        try {
            JsonNode applied = YAML.readTree(request.getUtf8Body());
            json = JSON.writeValueAsString(applied);
        } catch (java.io.IOException e) {
            return new MockResponse().setResponseCode(400).setBody("the applied object is not YAML or JSON");
        }
        String path = request.getPath();
        String resource = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (handleGet(resource).code() == 404 && !resource.endsWith("/status")) {
            String collection = resource.substring(0, resource.lastIndexOf('/'));
            return handleCreate(request(request, HttpMethod.POST, collection, "application/json", json));
        }
        // Without the query: the store recognizes a status subresource only by a path that ends in /status.
        return super.handlePatch(request(request, HttpMethod.PATCH, resource, "application/merge-patch+json", json));
    }

    private static RecordedRequest request(RecordedRequest original, HttpMethod method, String path, String type, String body) {
        var headers = original.getHeaders().newBuilder().set("Content-Type", type).build();
        return new RecordedRequest(original.getHttpVersion(), method, path, headers, new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }
}
