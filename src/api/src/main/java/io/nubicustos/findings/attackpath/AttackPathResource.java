package io.nubicustos.findings.attackpath;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.nubicustos.findings.config.ApiConfig;
import io.nubicustos.findings.graph.AssetKind;
import io.nubicustos.findings.http.InvalidInput;
import io.nubicustos.findings.http.NotFound;
import io.nubicustos.findings.http.PageLimits;
import io.nubicustos.findings.security.Caller;
import io.nubicustos.findings.security.Role;

/**
 * Attack paths: the highest scores first, one path with its steps, and the exposure of one asset.
 * Paths are an attacker's road map (the security model ranks them highly confidential), so they
 * need an operator key; viewers see findings only.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class AttackPathResource {

    public record Page(List<AttackPathViews.Summary> items, String nextCursor, int limit) {
    }

    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._:@/-]{0,252}";

    private final AttackPathStore store;
    private final FindingIds findingIds;
    private final Caller caller;
    private final ApiConfig.Pages pages;

    public AttackPathResource(AttackPathStore store, FindingIds findingIds, Caller caller, ApiConfig config) {
        this.store = store;
        this.findingIds = findingIds;
        this.caller = caller;
        this.pages = config.pages();
    }

    @GET
    @Path("/attack-paths")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Page list(@QueryParam("minScore") String minScore, @QueryParam("targetKind") String targetKind,
            @QueryParam("namespace") String namespace, @QueryParam("account") String account, @QueryParam("scope") String scope,
            @QueryParam("limit") String limitParam, @QueryParam("cursor") String cursor) {
        Integer min = null;
        if (minScore != null && !minScore.isEmpty()) {
            if (!minScore.matches("[0-9]{1,3}") || Integer.parseInt(minScore) > 100) {
                throw new InvalidInput("minScore must be a number between 0 and 100");
            }
            min = Integer.parseInt(minScore);
        }
        if (targetKind != null && !targetKind.isEmpty()) {
            try {
                AssetKind.ofLabel(targetKind);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("targetKind must be one of " + java.util.Arrays.stream(AssetKind.values()).filter(k -> k != AssetKind.INTERNET)
                        .map(AssetKind::label).collect(java.util.stream.Collectors.joining(", ")));
            }
        }
        String ns = name(namespace, "namespace");
        String acct = name(account, "account");
        String sc = name(scope, "scope");
        int limit = PageLimits.parse(limitParam, pages.defaultSize(), pages.maxSize());
        Optional<PathCursor> after = cursor == null || cursor.isEmpty() ? Optional.empty() : Optional.of(PathCursor.decode(cursor));
        var filter = new AttackPathStore.Filter(min, targetKind == null || targetKind.isEmpty() ? null : targetKind, ns, acct, sc);
        List<AttackPathViews.Summary> rows = store.list(caller.scope(), filter, after, limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            AttackPathViews.Summary last = rows.get(limit - 1);
            next = new PathCursor(last.score(), last.id()).encode();
        }
        return new Page(rows, next, limit);
    }

    @GET
    @Path("/attack-paths/{id}")
    @RolesAllowed(Role.OPERATOR_NAME)
    public AttackPathViews.Detail get(@PathParam("id") String id) {
        if (!id.matches("ap-[0-9a-f]{24}")) {
            throw new NotFound();
        }
        AttackPathViews.Detail path = store.find(id, caller.scope()).orElseThrow(NotFound::new);
        return findingIds.resolve(path);
    }

    /** The last search of a scope: when, how many paths, entry points and crown jewels, and whether a limit cut it short. */
    @GET
    @Path("/attack-paths/analysis/{scope}")
    @RolesAllowed(Role.OPERATOR_NAME)
    public AttackPathStore.Analysis analysis(@PathParam("scope") String scope) {
        if (!scope.matches(NAME) || caller.scope().filter(own -> !own.equals(scope)).isPresent()) {
            throw new NotFound();
        }
        return store.analysis(scope).orElseThrow(NotFound::new);
    }

    @GET
    @Path("/resources/{id}/exposure")
    @RolesAllowed(Role.OPERATOR_NAME)
    public AttackPathStore.Exposure exposure(@PathParam("id") String id, @QueryParam("limit") String limitParam) {
        if (!id.matches("as-[0-9a-f]{24}")) {
            throw new NotFound();
        }
        int limit = PageLimits.parse(limitParam, pages.defaultSize(), pages.maxSize());
        return store.exposure(id, caller.scope(), limit).orElseThrow(NotFound::new);
    }

    private static String name(String value, String what) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.matches(NAME)) {
            throw new InvalidInput(what + " is not a valid name");
        }
        return value;
    }
}
