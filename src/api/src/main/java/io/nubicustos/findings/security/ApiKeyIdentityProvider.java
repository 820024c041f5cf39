package io.nubicustos.findings.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.nubicustos.findings.audit.AuditLog;
import io.nubicustos.findings.http.RequestContext;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** Turns a presented key into an identity with its roles, or records the failure and refuses it. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyCredential> {

    private final ApiKeys keys;
    private final AuditLog audit;
    private final AuthenticationFailures failures;

    public ApiKeyIdentityProvider(ApiKeys keys, AuditLog audit, AuthenticationFailures failures) {
        this.failures = failures;
        this.keys = keys;
        this.audit = audit;
    }

    @Override
    public Class<ApiKeyCredential> getRequestType() {
        return ApiKeyCredential.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyCredential request, AuthenticationRequestContext context) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        return context.runBlocking(() -> {
            ApiKeys.Verification verification = keys.verify(request.key());
            Optional<ApiPrincipal> principal = verification.principal();
            if (principal.isEmpty()) {
                failures.count(verification.failure());
                RequestContext rc = routing == null ? null : RequestContext.of(routing);
                // Only the id part of a well-formed key is recorded: never the presented text.
                audit.authenticationFailed(ApiKeyHasher.idOf(request.key()).orElse(null),
                        rc == null ? null : rc.client(), rc == null ? null : rc.requestId());
                throw new AuthenticationFailedException("invalid API key");
            }
            ApiPrincipal p = principal.get();
            if (routing != null) {
                RequestContext.of(routing).keyId(p.keyId());
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(p)
                    .addRoles(p.role().granted())
                    .addAttribute(ApiPrincipal.class.getName(), p)
                    .build();
        });
    }
}
