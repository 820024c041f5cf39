package io.nubicustos.findings.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.nubicustos.api.v1alpha1.common.Patterns;
import io.nubicustos.findings.audit.AuditLog;
import io.nubicustos.findings.http.InvalidInput;
import io.nubicustos.findings.http.NotFound;

/** API keys (admin only): create (the key is shown once), list (never a key or hash), revoke. */
@Path("/api/keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    public record KeyRequest(String role, String namespace, String description) {
    }

    public record KeyView(String id, String role, String namespace, String description, Instant createdAt, Instant lastUsedAt,
            Instant revokedAt) {
        static KeyView of(ApiKeyEntity e) {
            return new KeyView(e.id, e.role, e.namespace, e.description, e.createdAt, e.lastUsedAt, e.revokedAt);
        }
    }

    public record NewKeyView(String id, String key, String role, String namespace) {
    }

    private final ApiKeys keys;
    private final AuditLog audit;
    private final Caller caller;

    public ApiKeyResource(ApiKeys keys, AuditLog audit, Caller caller) {
        this.keys = keys;
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Role.ADMIN_NAME)
    public List<KeyView> list() {
        return keys.list().stream().filter(k -> caller.scope().isEmpty() || caller.scope().get().equals(k.namespace))
                .map(KeyView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response create(KeyRequest request) {
        if (request == null || request.role() == null) {
            throw new InvalidInput("role is required: viewer, operator or admin");
        }
        Role role;
        try {
            role = Role.parse(request.role());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        Optional<String> namespace = Optional.ofNullable(request.namespace()).filter(n -> !n.isBlank());
        if (namespace.isPresent() && (namespace.get().length() > 63 || !namespace.get().matches(Patterns.DNS_LABEL))) {
            throw new InvalidInput("namespace must be a DNS label");
        }
        // A scoped admin can only hand out keys within its own namespace.
        if (caller.scope().isPresent() && !namespace.equals(caller.scope())) {
            throw new InvalidInput("this key may only create keys for namespace " + caller.scope().get());
        }
        String description = request.description();
        if (description != null && description.length() > 200) {
            throw new InvalidInput("description is longer than 200 characters");
        }
        ApiKeys.CreatedKey created = keys.create(role, namespace, description);
        audit.record(AuditLog.KEY_CREATED, caller.keyId(), caller.client(), "api_key/" + created.entity().id,
                Map.of("role", role.id(), "namespace", namespace.orElse("*")), caller.requestId());
        return Response.status(201).entity(new NewKeyView(created.entity().id, created.key(), role.id(), namespace.orElse(null))).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response revoke(@PathParam("id") String id) {
        if (id == null || !id.matches("[0-9a-f]{12}")) {
            throw new NotFound();
        }
        ApiKeyEntity existing = ApiKeyEntity.findById(id);
        if (existing == null || (caller.scope().isPresent() && !caller.scope().get().equals(existing.namespace))) {
            throw new NotFound();
        }
        keys.revoke(id);
        audit.record(AuditLog.KEY_REVOKED, caller.keyId(), caller.client(), "api_key/" + id, Map.of(), caller.requestId());
        return Response.noContent().build();
    }
}
