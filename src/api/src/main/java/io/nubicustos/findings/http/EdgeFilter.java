package io.nubicustos.findings.http;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.vertx.VertxInputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.findings.config.ApiConfig;
import io.nubicustos.findings.security.ApiKeyAuthenticationMechanism;
import io.nubicustos.findings.security.ApiKeyHasher;
import io.nubicustos.findings.security.ApiKeys;
import io.nubicustos.findings.security.AuthenticationFailures;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The first thing every request meets: a request id, the client's address (trusted proxies
 * only), rate limits, and at the end one access-log line. Requests without a key are charged to
 * their address before authentication; a key is charged to its own bucket once it verified, and a
 * key that fails to the address and, for the lockout, to the address and the key id it names.
 */
@ApplicationScoped
public class EdgeFilter {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Logger ACCESS = Logger.getLogger("io.nubicustos.findings.access");
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    /** Priority above Quarkus' authentication and CORS handlers. */
    private static final int PRIORITY = 1_000;
    private static final String INGEST = "/api/ingest/";
    private static final long MAX_BODY = 1024 * 1024;
    /** After authentication (200) and authorization (100), and after Quarkus' own body limit (route order -2). */
    private static final int AFTER_AUTHENTICATION = 1;
    private static final String ADDRESS = "addr:";

    private final ClientAddresses addresses;
    private final RateLimiter limiter;
    private final boolean rateLimited;
    private final ObjectMapper json;
    private final ApiKeys keys;
    private final AuthenticationFailures failures;
    /** Connections to close after the request in progress; weak, so a closed connection is forgotten. */
    private final java.util.Map<HttpConnection, Boolean> closing = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    public EdgeFilter(ApiConfig config, ObjectMapper json, ApiKeys keys, AuthenticationFailures failures) {
        this.keys = keys;
        this.failures = failures;
        ApiConfig.RateLimit rate = config.rateLimit();
        this.addresses = new ClientAddresses(rate.trustedProxies().orElse(java.util.List.of()));
        this.limiter = new RateLimiter(rate.requestsPerMinute(), rate.burst(), rate.authFailuresPerMinute(), rate.maxClients());
        this.rateLimited = rate.enabled();
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
        filters.register(this::afterAuthentication, AFTER_AUTHENTICATION);
    }

    void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        HttpServerResponse response = routing.response();
        if (request.connection() != null && closing.containsKey(request.connection())) {
            // Pipelined behind a request framed by Transfer-Encoding (below): never read as a request.
            request.connection().close();
            return;
        }
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String client = addresses.resolve(peer, request.headers().getAll("X-Forwarded-For"));
        String inbound = request.getHeader(REQUEST_ID);
        String requestId = inbound != null && SAFE_REQUEST_ID.matcher(inbound).matches() ? inbound : UUID.randomUUID().toString();
        RequestContext context = RequestContext.attach(routing, new RequestContext(requestId, client, System.nanoTime()));
        response.putHeader(REQUEST_ID, requestId);
        MDC.put("request_id", requestId);
        // RFC 9112 6.1: a request framed by Transfer-Encoding may have carried a Content-Length too, which a proxy in
        // front may have framed it by instead. Netty drops that Content-Length before any handler sees it, so the
        // connection of every such request is closed after the answer: nothing pipelined behind it is read as a request.
        if (request.headers().contains(HttpHeaders.TRANSFER_ENCODING) && request.connection() != null) {
            HttpConnection connection = request.connection();
            closing.put(connection, Boolean.TRUE);
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            routing.addEndHandler(done -> connection.close());
        }
        String presented = request.getHeader(ApiKeyAuthenticationMechanism.HEADER);
        presented = presented == null || presented.isEmpty() ? null : presented;
        String address = client == null ? null : RateLimiter.addressBucket(client);
        String attempt = address == null ? null : failureBucket(address, presented);
        boolean keyed = presented != null;
        routing.addEndHandler(done -> {
            if (response.getStatusCode() == 401 && !keyed && !routing.normalizedPath().startsWith(INGEST)) {
                // Keys that fail are counted where they are verified, upload tokens where they are checked.
                failures.count(AuthenticationFailures.Reason.MISSING);
            }
            if (response.getStatusCode() == 401 && attempt != null) {
                limiter.authenticationFailed(attempt);
                if (keyed && rateLimited) {
                    // A key that did not verify was the address's request, not the key owner's.
                    limiter.take(ADDRESS + address);
                }
            }
            accessLog(routing, context);
        });

        // Routing normalises the path (dot segments, percent-encoding); a decision on the raw path could be
        // steered around by it, so anything that normalisation would change in meaning is refused outright.
        if (!safePath(request.path())) {
            routing.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end(body(new ApiError(400, "Bad Request", "the request path is not allowed", requestId)));
            return;
        }
        String path = routing.normalizedPath();
        boolean ingest = path.startsWith(INGEST);
        if (!ingest && bodyTooLarge(request)) {
            routing.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                    .end(body(new ApiError(413, "Payload Too Large", "request body too large", requestId)));
            return;
        }
        // Health needs no key, so a probe without one authenticates nothing and is never held back: the
        // kubelet probes from the node's address, which other traffic may share.
        boolean probe = isHealth(path) && !keyed;
        if (!rateLimited || probe || address == null) {
            routing.next();
            return;
        }
        if (keyed) {
            // A key is charged only once verified (afterAuthentication). Before that, the attempt counts against
            // the address and the presented key id: once either has had its share of failures, only a key that
            // verifies passes, so nobody is locked out by someone else's guesses, and guesses cost no audit rows.
            long blocked = Math.max(limiter.authenticationBlockedFor(attempt), limiter.waitFor(ADDRESS + address));
            if (blocked == 0) {
                routing.next();
                return;
            }
            String key = presented;
            routing.vertx().executeBlocking(() -> keys.verifies(key), false).onComplete(verified -> {
                if (verified.succeeded() && Boolean.TRUE.equals(verified.result())) {
                    routing.next();
                } else {
                    failures.count(AuthenticationFailures.Reason.LOCKED_OUT);
                    refuse(routing, context, blocked, "Too many failed authentications");
                }
            });
            return;
        }
        long blocked = limiter.authenticationBlockedFor(attempt);
        if (blocked > 0) {
            failures.count(AuthenticationFailures.Reason.LOCKED_OUT);
            refuse(routing, context, blocked, "Too many failed authentications");
            return;
        }
        if (ingest) {
            // Scan pods upload many chunks per run; their tokens are checked per chunk, and failures still count above.
            routing.next();
            return;
        }
        if (charge(routing, context, ADDRESS + address)) {
            routing.next();
        }
    }

    /**
     * After Quarkus' authentication and authorization (filters run at order -priority): a verified
     * key's own bucket, and the body limit while the body is read.
     */
    void afterAuthentication(RoutingContext routing) {
        RequestContext context = RequestContext.of(routing);
        if (rateLimited && context.keyId() != null && !charge(routing, context, "key:" + context.keyId())) {
            return;
        }
        // Quarkus counts the bytes of every body, streamed (chunked) ones too, against the limit under this
        // key, which its own handler sets to quarkus.http.limits.max-body-size (the ingest chunks' limit) at order -2.
        if (!routing.normalizedPath().startsWith(INGEST)) {
            routing.put(VertxInputStream.MAX_REQUEST_SIZE_KEY, MAX_BODY);
        }
        routing.next();
    }

    /** Takes one request from a bucket and says so in the headers; false (and a 429 sent) when it is empty. */
    private boolean charge(RoutingContext routing, RequestContext context, String bucket) {
        HttpServerResponse response = routing.response();
        RateLimiter.Decision decision = limiter.take(bucket);
        response.putHeader("X-RateLimit-Limit", Integer.toString(limiter.limit()));
        response.putHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        response.putHeader("X-RateLimit-Reset", Long.toString(Instant.now().getEpochSecond() + decision.resetSeconds()));
        if (!decision.allowed()) {
            refuse(routing, context, decision.retryAfterSeconds(), "Too many requests");
            return false;
        }
        return true;
    }

    /** Failed authentications are counted per address and presented key id (one bucket for no key, one for keys without an id). */
    static String failureBucket(String address, String presented) {
        if (presented == null) {
            return address + " -";
        }
        return address + " " + ApiKeyHasher.idOf(presented).map(id -> "key:" + id).orElse("other");
    }

    /**
     * Whether a raw path means the same before and after routing's normalisation: no dot segments
     * ({@code .}, {@code ..}, also percent-encoded or with path parameters), no encoded slashes or
     * backslashes.
     */
    static boolean safePath(String raw) {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            return false;
        }
        String lower = raw.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.indexOf('\\') >= 0 || lower.contains("%25")) {
            return false;
        }
        for (String segment : lower.split("/", -1)) {
            int parameters = segment.indexOf(';');
            String name = (parameters >= 0 ? segment.substring(0, parameters) : segment).replace("%2e", ".");
            if (name.equals(".") || name.equals("..")) {
                return false;
            }
        }
        return true;
    }

    static boolean isHealth(String normalizedPath) {
        return normalizedPath.equals("/api/health") || normalizedPath.startsWith("/api/health/");
    }

    /** Everything but ingest chunks is small: 1 MiB, announced or not (Quarkus' own limit is the ingest one). */
    private static boolean bodyTooLarge(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.trim()) > MAX_BODY;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private void refuse(RoutingContext routing, RequestContext context, long retryAfterSeconds, String message) {
        HttpServerResponse response = routing.response();
        response.setStatusCode(429);
        response.putHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
        response.putHeader("Content-Type", "application/json");
        response.end(body(new ApiError(429, "Too Many Requests", message, context.requestId())));
    }

    private String body(ApiError error) {
        try {
            return json.writeValueAsString(error);
        } catch (JsonProcessingException e) {
            return "{\"status\":" + error.status() + "}";
        }
    }

    private static void accessLog(RoutingContext routing, RequestContext context) {
        HttpServerRequest request = routing.request();
        HttpServerResponse response = routing.response();
        long millis = (System.nanoTime() - context.startNanos()) / 1_000_000;
        String route = context.route() != null ? context.route() : publicRoute(safePath(request.path()) ? routing.normalizedPath() : "");
        String key = context.keyId() == null ? null : "key:" + context.keyId().substring(0, Math.min(8, context.keyId().length()));
        try {
            MDC.put("request_id", context.requestId());
            MDC.put("method", request.method().name());
            MDC.put("route", route);
            MDC.put("status", Integer.toString(response.getStatusCode()));
            MDC.put("duration_ms", Long.toString(millis));
            MDC.put("client", String.valueOf(context.client()));
            if (key != null) {
                MDC.put("key", key);
            }
            ACCESS.infof("%s %s %d %dms", request.method().name(), route, response.getStatusCode(), millis);
        } finally {
            for (String field : new String[] { "method", "route", "status", "duration_ms", "client", "key" }) {
                MDC.remove(field);
            }
        }
    }

    /** Fixed public paths are logged as they are; anything unmatched never is, it may carry anything. */
    static String publicRoute(String path) {
        return switch (path) {
            case "/q/health", "/q/health/live", "/q/health/ready", "/q/health/started", "/api/openapi",
                    "/api/openapi.json", "/api/openapi.yaml", "/api/docs", "/q/metrics" -> path;
            default -> path.startsWith("/api/docs/") ? "/api/docs/*" : "(unmatched)";
        };
    }
}
