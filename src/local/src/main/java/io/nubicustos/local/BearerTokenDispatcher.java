package io.nubicustos.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The in-memory API's authentication: a request reaches the store only with
 * {@code Authorization: Bearer <this run's token>}; any other gets 401, as from a real API server,
 * and the answer never repeats what was sent.
 */
final class BearerTokenDispatcher extends Dispatcher {

    static final String UNAUTHORIZED = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""";

    private final Dispatcher next;
    private final byte[] expected;

    BearerTokenDispatcher(String token, Dispatcher next) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a token is required");
        }
        this.next = next;
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String authorization = request.getHeader("Authorization");
        // Compared in constant time: how long a wrong token took says nothing about the right one.
        if (authorization != null && MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8), expected)) {
            return next.dispatch(request);
        }
        return new MockResponse().setResponseCode(401).setHeader("Content-Type", "application/json").setBody(UNAUTHORIZED);
    }

    @Override
    public void shutdown() {
        next.shutdown();
    }
}
