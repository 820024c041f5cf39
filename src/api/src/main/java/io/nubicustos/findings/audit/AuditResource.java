package io.nubicustos.findings.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.nubicustos.findings.http.InvalidInput;
import io.nubicustos.findings.security.Caller;
import io.nubicustos.findings.security.Role;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** The audit trail, newest first (unscoped admin keys only: it spans every namespace). */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    public record AuditView(long id, Instant at, String action, String actor, String client, String target, Map<String, Object> detail,
            String requestId) {
    }

    public record AuditPage(List<AuditView> items) {
    }

    private final Caller caller;

    public AuditResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Role.ADMIN_NAME)
    public AuditPage list(@QueryParam("action") String action, @QueryParam("target") String target, @QueryParam("limit") Integer limit) {
        if (caller.scope().isPresent()) {
            throw new jakarta.ws.rs.ForbiddenException();
        }
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 1000) {
            throw new InvalidInput("limit must be between 1 and 1000");
        }
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (action != null && !action.isBlank()) {
            if (action.length() > 64) {
                throw new InvalidInput("action is too long");
            }
            query.append(" and action = :action");
            params.and("action", action);
        }
        if (target != null && !target.isBlank()) {
            if (target.length() > 300) {
                throw new InvalidInput("target is too long");
            }
            query.append(" and target = :target");
            params.and("target", target);
        }
        List<AuditEventEntity> events = AuditEventEntity.find(query.toString(), Sort.descending("at", "id"), params)
                .page(Page.ofSize(size)).list();
        return new AuditPage(events.stream()
                .map(e -> new AuditView(e.id, e.at, e.action, e.actor, e.client, e.target, e.detail, e.requestId)).toList());
    }
}
