package io.nubicustos.findings.attackpath;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.ogm.session.SessionFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.findings.config.AttackPathConfig;

/**
 * Found paths, kept in Neo4j as {@code AttackPath} nodes linked to the assets they pass
 * ({@code THROUGH}), so listing the top paths and the exposure of one asset are index lookups.
 * A scope's paths are replaced at once: written as drafts, then switched in one transaction.
 */
@ApplicationScoped
public class AttackPathStore {

    /** Filters of a list; nulls do not filter. */
    public record Filter(Integer minScore, String targetKind, String namespace, String account, String scope) {
    }

    /** How a path touches an asset. */
    public record Exposure(AttackPathViews.AssetView asset, long paths, Integer maxScore, List<ExposurePath> items) {
    }

    /** @param role entry, target or step */
    public record ExposurePath(String role, int position, AttackPathViews.Summary path) {
    }

    /** The last search of a scope. */
    public record Analysis(String scope, Instant computedAt, boolean truncated, long paths, long entryPoints, long crownJewels) {
    }

    static final int DRAFT_BATCH = 1_000;

    private final Driver driver;
    private final SessionFactory sessions;
    private final ObjectMapper json;
    private final AttackPathConfig config;

    public AttackPathStore(Driver driver, SessionFactory sessions, ObjectMapper json, AttackPathConfig config) {
        this.driver = driver;
        this.sessions = sessions;
        this.json = json;
        this.config = config;
    }

    public void replace(String scope, PathSearch.Result result, Instant at) {
        List<Map<String, Object>> rows = new ArrayList<>(result.paths().size());
        for (AttackPath p : result.paths()) {
            AttackPathViews.Detail detail = AttackPathViews.detail(p);
            Map<String, Object> props = new HashMap<>();
            props.put("id", p.id());
            props.put("scope", scope);
            props.put("score", p.score());
            props.put("hops", p.hops());
            props.put("targetKind", p.target().kind().label());
            props.put("namespaces", p.namespaces());
            props.put("accounts", p.accounts());
            props.put("detail", write(detail));
            rows.add(Map.of("props", props, "keys", p.nodes().stream().map(Asset::id).toList()));
        }
        TransactionConfig timeout = TransactionConfig.builder().withTimeout(config.transactionTimeout()).build();
        try (var session = driver.session(SessionConfig.defaultConfig())) {
            // Drafts first, a thousand per transaction, so memory stays bounded; readers never see drafts (another label).
            session.executeWriteWithoutResult(tx -> tx.run("MATCH (p:AttackPathDraft {scope: $scope}) DETACH DELETE p", Map.of("scope", scope))
                    .consume(), timeout);
            for (int from = 0; from < rows.size(); from += DRAFT_BATCH) {
                List<Map<String, Object>> batch = rows.subList(from, Math.min(rows.size(), from + DRAFT_BATCH));
                session.executeWriteWithoutResult(tx -> tx.run("""
                        UNWIND $rows AS row
                        CREATE (p:AttackPathDraft)
                        SET p = row.props
                        WITH p, row
                        UNWIND range(0, size(row.keys) - 1) AS i
                        MATCH (a:Asset {key: row.keys[i]})
                        CREATE (p)-[:THROUGH {i: i}]->(a)""", Map.of("rows", batch)).consume(), timeout);
            }
            // Then the switch, in one transaction: the old paths go, the drafts become the paths.
            session.executeWriteWithoutResult(tx -> {
                tx.run("MATCH (p:AttackPath {scope: $scope}) DETACH DELETE p", Map.of("scope", scope)).consume();
                tx.run("MATCH (p:AttackPathDraft {scope: $scope}) REMOVE p:AttackPathDraft SET p:AttackPath", Map.of("scope", scope)).consume();
                tx.run("""
                        MERGE (s:PathAnalysis {scope: $scope})
                        SET s.computedAt = $at, s.truncated = $truncated, s.paths = $paths, s.entryPoints = $entries, s.crownJewels = $jewels""",
                        Map.of("scope", scope, "at", at.toString(), "truncated", result.truncated(), "paths", result.paths().size(),
                                "entries", result.entryPoints(), "jewels", result.crownJewels())).consume();
            }, timeout);
        }
    }

    /** A page, highest score first; {@code after} is the last row of the previous page. */
    public List<AttackPathViews.Summary> list(Optional<String> callerScope, Filter filter, Optional<PathCursor> after, int limit) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("p.score >= $minScore");
        params.put("minScore", filter.minScore() == null ? 0 : filter.minScore());
        callerScope.ifPresent(s -> {
            where.append(" AND p.scope = $callerScope");
            params.put("callerScope", s);
        });
        condition(where, params, "p.scope = $scope", "scope", filter.scope());
        condition(where, params, "p.targetKind = $targetKind", "targetKind", filter.targetKind());
        condition(where, params, "$namespace IN p.namespaces", "namespace", filter.namespace());
        condition(where, params, "$account IN p.accounts", "account", filter.account());
        after.ifPresent(c -> {
            where.append(" AND (p.score < $afterScore OR (p.score = $afterScore AND p.id > $afterId))");
            params.put("afterScore", c.score());
            params.put("afterId", c.id());
        });
        params.put("limit", limit);
        return read("MATCH (p:AttackPath) WHERE " + where + " RETURN p.detail AS detail ORDER BY p.score DESC, p.id ASC LIMIT $limit", params)
                .stream().map(AttackPathViews.Detail::summary).toList();
    }

    public Optional<AttackPathViews.Detail> find(String id, Optional<String> callerScope) {
        Map<String, Object> params = new HashMap<>(Map.of("id", id));
        callerScope.ifPresent(s -> params.put("callerScope", s));
        String scoped = callerScope.isPresent() ? " AND p.scope = $callerScope" : "";
        return read("MATCH (p:AttackPath {id: $id}) WHERE true" + scoped + " RETURN p.detail AS detail", params).stream().findFirst();
    }

    public Optional<Exposure> exposure(String assetId, Optional<String> callerScope, int limit) {
        Map<String, Object> params = new HashMap<>(Map.of("id", assetId, "limit", limit));
        // The asset as an OGM entity: its class is its kind.
        var entity = sessions.openSession().load(io.nubicustos.findings.graph.entity.Asset.class, assetId, 0);
        if (entity == null || callerScope.isPresent() && !callerScope.get().equals(entity.getScope())) {
            return Optional.empty();
        }
        var view = new AttackPathViews.AssetView(entity.getKey(), entity.getRef(), entity.getClass().getSimpleName(), entity.getType(),
                entity.getNamespace(), entity.getAccount());
        try (var session = driver.session(SessionConfig.defaultConfig())) {
            return session.executeRead(tx -> {
                var totals = tx.run("MATCH (:Asset {key: $id})<-[:THROUGH]-(p:AttackPath) RETURN count(p) AS n, max(p.score) AS top", params).single();
                List<ExposurePath> items = new ArrayList<>();
                tx.run("""
                        MATCH (:Asset {key: $id})<-[t:THROUGH]-(p:AttackPath)
                        RETURN p.detail AS detail, t.i AS position ORDER BY p.score DESC, p.id ASC LIMIT $limit""", params)
                        .forEachRemaining(r -> {
                            AttackPathViews.Detail d = parse(r.get("detail").asString());
                            int position = r.get("position").asInt();
                            String role = position == d.hops() ? "target"
                                    : position == 0 || (position == 1 && "Internet".equals(d.entry().kind())) ? "entry" : "step";
                            items.add(new ExposurePath(role, position, d.summary()));
                        });
                return Optional.of(new Exposure(view, totals.get("n").asLong(), totals.get("top").isNull() ? null : totals.get("top").asInt(), items));
            });
        }
    }

    public Optional<Analysis> analysis(String scope) {
        try (var session = driver.session(SessionConfig.defaultConfig())) {
            return session.executeRead(tx -> tx.run("MATCH (s:PathAnalysis {scope: $scope}) RETURN s", Map.of("scope", scope)).list().stream()
                    .findFirst().map(r -> r.get("s")).map(s -> new Analysis(scope, Instant.parse(s.get("computedAt").asString()),
                            s.get("truncated").asBoolean(), s.get("paths").asLong(), s.get("entryPoints").asLong(), s.get("crownJewels").asLong())));
        }
    }

    private List<AttackPathViews.Detail> read(String cypher, Map<String, Object> params) {
        try (var session = driver.session(SessionConfig.defaultConfig())) {
            return session.executeRead(tx -> tx.run(cypher, params).list(r -> parse(r.get("detail").asString())));
        }
    }

    private static void condition(StringBuilder where, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            where.append(" AND ").append(clause);
            params.put(name, value);
        }
    }

    private String write(AttackPathViews.Detail detail) {
        try {
            return json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a path", e);
        }
    }

    private AttackPathViews.Detail parse(String text) {
        try {
            return json.readValue(text, AttackPathViews.Detail.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored path could not be read", e);
        }
    }
}
