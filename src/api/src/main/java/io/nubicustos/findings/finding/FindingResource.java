package io.nubicustos.findings.finding;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.nubicustos.findings.config.ApiConfig;
import io.nubicustos.findings.http.InvalidInput;
import io.nubicustos.findings.http.NotFound;
import io.nubicustos.findings.security.Caller;
import io.nubicustos.findings.security.Role;

/** Findings: list with filters and a keyset cursor, one by id, status changes, and counts. */
@Path("/api/findings")
@Produces(MediaType.APPLICATION_JSON)
public class FindingResource {

    private final FindingRepository findings;
    private final FindingSummaries summaries;
    private final FindingStatusChanges statusChanges;
    private final Caller caller;
    private final ApiConfig.Pages pages;

    public FindingResource(FindingRepository findings, FindingSummaries summaries, FindingStatusChanges statusChanges, Caller caller,
            ApiConfig config) {
        this.findings = findings;
        this.summaries = summaries;
        this.statusChanges = statusChanges;
        this.caller = caller;
        this.pages = config.pages();
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    public FindingPage list(@QueryParam("severity") String severity, @QueryParam("status") String status, @QueryParam("tool") String tool,
            @QueryParam("provider") String provider, @QueryParam("account") String account, @QueryParam("scope") String scope,
            @QueryParam("namespace") String namespace, @QueryParam("resource") String resource, @QueryParam("check") String check, @QueryParam("control") String control,
            @QueryParam("framework") String framework, @QueryParam("q") String text, @QueryParam("sort") String sortParam,
            @QueryParam("limit") String limitParam, @QueryParam("cursor") String cursorParam) {
        FindingFilter filter = FindingFilter.parse(severity, status, tool, provider, account, scope, namespace, resource, check, control, framework, text);
        FindingSort sort = FindingSort.parse(sortParam);
        int limit = limit(limitParam);
        Optional<Cursor> after = cursorParam == null || cursorParam.isEmpty() ? Optional.empty() : Optional.of(Cursor.decode(cursorParam, sort));
        List<FindingView> rows = findings.page(FindingQuery.of(filter, caller.scope(), ""), sort, after, limit);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            FindingView last = rows.get(limit - 1);
            long value = switch (sort.column) {
                case "severity" -> Severities.parse(last.severity()).rank();
                default -> Instants.micros(last.lastSeen());
            };
            next = new Cursor(sort, value, last.id()).encode();
        }
        return new FindingPage(rows, next, limit);
    }

    @GET
    @Path("/summary")
    @RolesAllowed(Role.VIEWER_NAME)
    public FindingSummary summary(@QueryParam("severity") String severity, @QueryParam("status") String status, @QueryParam("tool") String tool,
            @QueryParam("provider") String provider, @QueryParam("account") String account, @QueryParam("scope") String scope,
            @QueryParam("namespace") String namespace, @QueryParam("resource") String resource, @QueryParam("check") String check, @QueryParam("control") String control,
            @QueryParam("framework") String framework, @QueryParam("q") String text) {
        FindingFilter filter = FindingFilter.parse(severity, status, tool, provider, account, scope, namespace, resource, check, control, framework, text);
        return summaries.summarize(filter, caller.scope());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    public FindingView get(@PathParam("id") String id) {
        return findings.find(id(id), caller.scope()).orElseThrow(NotFound::new);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_NAME)
    public FindingView changeStatus(@PathParam("id") String id, StatusChange change) {
        long findingId = id(id);
        statusChanges.change(findingId, change, caller);
        return findings.find(findingId, caller.scope()).orElseThrow(NotFound::new);
    }

    /** Ids are positive numbers; anything else cannot name a finding, for this caller or another. */
    static long id(String text) {
        if (text == null || !text.matches("[1-9][0-9]{0,17}")) {
            throw new NotFound();
        }
        return Long.parseLong(text);
    }

    private int limit(String text) {
        return io.nubicustos.findings.http.PageLimits.parse(text, pages.defaultSize(), pages.maxSize());
    }
}
