package io.nubicustos.findings.http;

import io.vertx.ext.web.RoutingContext;

/** What the edge filters learn about one request, for the access log, the audit trail and errors. */
public final class RequestContext {

    private static final String KEY = RequestContext.class.getName();

    private final String requestId;
    private final String client;
    private final long startNanos;
    private volatile String keyId;
    private volatile String route;

    RequestContext(String requestId, String client, long startNanos) {
        this.requestId = requestId;
        this.client = client;
        this.startNanos = startNanos;
    }

    static RequestContext attach(RoutingContext routing, RequestContext context) {
        routing.put(KEY, context);
        return context;
    }

    /** The request's context; a placeholder if the edge filter did not run (it always does for HTTP requests). */
    public static RequestContext of(RoutingContext routing) {
        RequestContext context = routing.get(KEY);
        return context != null ? context : new RequestContext("-", routing.request().remoteAddress() == null ? null
                : routing.request().remoteAddress().hostAddress(), System.nanoTime());
    }

    public String requestId() {
        return requestId;
    }

    public String client() {
        return client;
    }

    long startNanos() {
        return startNanos;
    }

    /** The authenticated key's id; null before authentication or without a key. */
    public String keyId() {
        return keyId;
    }

    public void keyId(String keyId) {
        this.keyId = keyId;
    }

    /** The matched route template ({@code /api/scans/{id}}), never the raw path. */
    public String route() {
        return route;
    }

    public void route(String route) {
        this.route = route;
    }
}
