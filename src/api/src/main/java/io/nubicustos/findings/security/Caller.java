package io.nubicustos.findings.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.nubicustos.findings.http.RequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/** The current request's caller: its key, the namespace it is limited to, and where it called from. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;

    public Caller(SecurityIdentity identity, CurrentVertxRequest request) {
        this.identity = identity;
        this.request = request;
    }

    public ApiPrincipal principal() {
        return ApiPrincipal.of(identity);
    }

    public String keyId() {
        return principal().keyId();
    }

    /** The namespace every query is limited to; empty for an unscoped key. */
    public Optional<String> scope() {
        return principal().namespace();
    }

    public boolean mayAccess(String namespace) {
        return principal().mayAccess(namespace);
    }

    public String client() {
        return request.getCurrent() == null ? null : RequestContext.of(request.getCurrent()).client();
    }

    public String requestId() {
        return request.getCurrent() == null ? null : RequestContext.of(request.getCurrent()).requestId();
    }
}
