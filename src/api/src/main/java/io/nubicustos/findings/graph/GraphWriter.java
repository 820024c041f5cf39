package io.nubicustos.findings.graph;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;

import io.nubicustos.findings.attackpath.Techniques;
import io.nubicustos.findings.config.AttackPathConfig;
import io.nubicustos.model.graph.EdgeType;
import io.nubicustos.model.graph.GraphEdge;
import io.nubicustos.model.graph.GraphNode;

/**
 * Writes one run's part of the graph in {@code UNWIND} batches, each batch its own transaction, so
 * that Neo4j's transaction state and the rows built here stay bounded whatever the run's size:
 * assets and findings are merged by key, and the run's source (its ScanJob) gets exactly the edges
 * of this run in place of those it drew before.
 *
 * <p>Batching is safe because every step converges when it is repeated: assets and findings are
 * merged; edges carry their run, and an earlier, interrupted write of the same run has its edges
 * removed before they are created again; the source's edges of other runs go only once all of this
 * run's are in, and orphans last. A crash between batches leaves the old edges and part of the new
 * ones, and the run pending in PostgreSQL ({@link GraphSync} marks it synced after the write and the
 * search): writing it again gives the graph one uninterrupted write gives, and writing the same run
 * twice changes nothing. Mid-write the graph is partly old and partly new; the attack-path search,
 * which is what reads the edges, runs after every pending run is written, so it never sees that.
 */
@ApplicationScoped
public class GraphWriter {

    static final int BATCH = 5_000;

    private final Driver driver;
    private final GraphSchema schema;
    private final AttackPathConfig config;
    private final int batchSize;

    @Inject
    public GraphWriter(Driver driver, GraphSchema schema, AttackPathConfig config) {
        this(driver, schema, config, BATCH);
    }

    /** Tests write runs of many batches with a small batch size, not with tens of thousands of rows. */
    GraphWriter(Driver driver, GraphSchema schema, AttackPathConfig config, int batchSize) {
        this.driver = driver;
        this.schema = schema;
        this.config = config;
        this.batchSize = batchSize;
    }

    /** A run's findings page by page; all the findings of one asset in one page. */
    @FunctionalInterface
    public interface FindingPages {
        void forEach(Consumer<List<GraphBatch.FindingRow>> page);
    }

    /** Writes a run held in memory whole. */
    public void write(GraphBatch batch) {
        Map<String, GraphBatch.AssetRow> assets = new LinkedHashMap<>();
        batch.assets().forEach(a -> assets.put(a.ref(), a));
        List<GraphBatch.FindingRow> findings = batch.findings();
        write(batch.scope(), batch.source(), batch.run(), assets, assets, batch.edges(), page -> {
            for (int from = 0; from < findings.size(); from += batchSize) {
                page.accept(findings.subList(from, Math.min(findings.size(), from + batchSize)));
            }
        });
    }

    /**
     * Writes a run whose findings come page by page (from PostgreSQL, in {@link GraphSync}), so that only the scanner's
     * nodes and edges and one page are in memory, whatever the number of findings: the graph is the one
     * {@link #write(GraphBatch)} writes for {@code GraphBatch.of} the same run.
     */
    public void write(String scope, String source, String run, List<GraphNode> nodes, List<GraphEdge> edges, FindingPages findings) {
        Map<String, GraphBatch.AssetRow> known = new LinkedHashMap<>();
        GraphBatch.of(scope, source, run, nodes, List.of(), List.of()).assets().forEach(a -> known.put(a.ref(), a));
        Map<String, GraphBatch.AssetRow> base = new LinkedHashMap<>();
        GraphBatch.of(scope, source, run, nodes, edges, List.of()).assets().forEach(a -> base.put(a.ref(), a));
        write(scope, source, run, base, known, edges, findings);
    }

    /**
     * @param base the assets of the nodes and the edges' ends, written unless findings bring them
     * @param known what findings' assets are merged into: the scanner's nodes
     */
    private void write(String scope, String source, String run, Map<String, GraphBatch.AssetRow> base, Map<String, GraphBatch.AssetRow> known,
            List<GraphEdge> edges, FindingPages findings) {
        schema.ensure();
        Map<String, Object> common = Map.of("scope", scope, "source", source, "run", run);
        try (Session session = driver.session(SessionConfig.defaultConfig())) {
            // What an interrupted write of this same run left goes first, so that creating its edges again does not double them.
            for (EdgeType type : EdgeType.values()) {
                deleteAll(session, "MATCH ()-[r:" + type.name() + " {source: $source}]->() WHERE r.run = $run WITH r LIMIT $limit DELETE r RETURN count(*)",
                        common);
            }
            // Each page's assets, then its findings on them; the assets of nodes and edges' ends that had none after.
            Map<String, GraphBatch.AssetRow> written = new HashMap<>();
            findings.forEach(page -> {
                Map<String, GraphBatch.AssetRow> assets = GraphBatch.assets(known, page);
                assets(session, scope, assets.values(), common);
                assets.forEach((ref, a) -> {
                    if (base.containsKey(ref)) {
                        written.put(ref, a);
                    }
                });
                inBatches(session, """
                        UNWIND $rows AS row
                        MERGE (f:Finding {key: row.key})
                          ON CREATE SET f.scope = $scope, f.fingerprint = row.fingerprint
                        SET f.severity = row.severity, f.control = row.control, f.checkId = row.checkId, f.title = row.title, f.status = row.status,
                            f.remediation = row.remediation
                        WITH f, row
                        MATCH (a:Asset {key: row.asset})
                        CREATE (a)-[:HAS_FINDING {source: $source, run: $run}]->(f)""", page, f -> finding(scope, f), common);
            });
            assets(session, scope, base.values().stream().filter(a -> !written.containsKey(a.ref())).toList(), common);
            Map<String, AssetKind> kinds = new HashMap<>();
            Map<String, Boolean> dataStores = new HashMap<>();
            base.forEach((ref, b) -> {
                GraphBatch.AssetRow a = written.getOrDefault(ref, b);
                kinds.put(ref, a.kind());
                dataStores.put(ref, AssetKind.dataStore(a.type(), ref));
            });
            // The source's edges are replaced whole: what this run saw is created, then what it drew before goes. Creating is
            // cheaper than merging, and an edge the source no longer sees cannot survive.
            Map<EdgeType, Map<String, GraphEdge>> distinct = new EnumMap<>(EdgeType.class);
            for (GraphEdge e : edges) {
                String action = e.action() == null ? "" : e.action();
                distinct.computeIfAbsent(e.type(), t -> new HashMap<>()).putIfAbsent(e.from() + "\n" + e.to() + "\n" + action, e);
            }
            for (var entry : distinct.entrySet()) {
                inBatches(session, """
                        UNWIND $rows AS row
                        MATCH (a:Asset {key: row.from})
                        MATCH (b:Asset {key: row.to})
                        CREATE (a)-[:%s {source: $source, action: row.action, run: $run, technique: row.technique}]->(b)""".formatted(entry.getKey().name()),
                        new ArrayList<>(entry.getValue().values()), e -> edge(scope, e, kinds, dataStores), common);
            }
            // Only now, with all of this run's edges in, do the source's edges of earlier runs go.
            for (EdgeType type : EdgeType.values()) {
                deleteAll(session, "MATCH ()-[r:" + type.name() + " {source: $source}]->() WHERE coalesce(r.run, '') <> $run WITH r LIMIT $limit "
                        + "DELETE r RETURN count(*)", common);
            }
            deleteAll(session, "MATCH (f:Finding {scope: $scope}) WHERE NOT ()-[:HAS_FINDING]->(f) WITH f LIMIT $limit DELETE f RETURN count(*)", common);
            deleteAll(session, "MATCH (a:Asset {scope: $scope}) WHERE NOT (a)--() WITH a LIMIT $limit DELETE a RETURN count(*)", common);
        }
    }

    /** Merges assets, one statement per kind. */
    private void assets(Session session, String scope, java.util.Collection<GraphBatch.AssetRow> rows, Map<String, Object> common) {
        Map<AssetKind, List<GraphBatch.AssetRow>> byKind = new EnumMap<>(AssetKind.class);
        rows.forEach(a -> byKind.computeIfAbsent(a.kind(), k -> new ArrayList<>()).add(a));
        for (var entry : byKind.entrySet()) {
            // Labels cannot be parameters: they come from the AssetKind table, never from input.
            String label = entry.getKey().label();
            // One kind label per asset, so that OGM maps each node to one entity class.
            String others = java.util.Arrays.stream(AssetKind.values()).filter(k -> k != entry.getKey()).map(k -> ":" + k.label())
                    .collect(java.util.stream.Collectors.joining());
            inBatches(session, """
                    UNWIND $rows AS row
                    MERGE (a:Asset {key: row.key})
                      ON CREATE SET a.scope = $scope, a.ref = row.ref
                    REMOVE a%s
                    SET a:%s, a.kind = '%s', a.type = coalesce(row.type, a.type), a.namespace = coalesce(row.namespace, a.namespace),
                        a.account = coalesce(row.account, a.account),
                        a.labels = CASE WHEN size(row.labels) > 0 THEN row.labels ELSE coalesce(a.labels, []) END""".formatted(others, label, label),
                    entry.getValue(), a -> asset(scope, a), common);
        }
    }

    private static Map<String, Object> asset(String scope, GraphBatch.AssetRow a) {
        Map<String, Object> row = new HashMap<>();
        row.put("key", GraphKeys.asset(scope, a.ref()));
        row.put("ref", a.ref());
        row.put("type", a.type());
        row.put("namespace", a.namespace() == null || a.namespace().isEmpty() ? null : a.namespace());
        row.put("account", a.account());
        row.put("labels", new TreeMap<>(a.labels()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        return row;
    }

    private static Map<String, Object> edge(String scope, GraphEdge e, Map<String, AssetKind> kinds, Map<String, Boolean> dataStores) {
        var technique = Techniques.of(e.type(), kinds.get(e.from()), kinds.get(e.to()), dataStores.getOrDefault(e.to(), false));
        Map<String, Object> row = new HashMap<>();
        row.put("from", GraphKeys.asset(scope, e.from()));
        row.put("to", GraphKeys.asset(scope, e.to()));
        row.put("action", e.action() == null ? "" : e.action());
        row.put("technique", technique == null ? null : technique.id());
        return row;
    }

    private static Map<String, Object> finding(String scope, GraphBatch.FindingRow f) {
        Map<String, Object> row = new HashMap<>();
        row.put("key", GraphKeys.finding(scope, f.fact().fingerprint()));
        row.put("asset", GraphKeys.asset(scope, f.ref()));
        row.put("fingerprint", f.fact().fingerprint());
        row.put("severity", f.fact().severity());
        row.put("control", f.fact().control());
        row.put("checkId", f.fact().checkId());
        row.put("title", f.fact().title());
        row.put("status", f.fact().status());
        row.put("remediation", f.fact().remediation());
        return row;
    }

    /** One transaction per batch of {@code items}; a batch's rows are built only when it is written. */
    private <T> void inBatches(Session session, String cypher, List<T> items, Function<T, Map<String, Object>> row, Map<String, Object> common) {
        for (int from = 0; from < items.size(); from += batchSize) {
            Map<String, Object> params = new HashMap<>(common);
            params.put("rows", items.subList(from, Math.min(items.size(), from + batchSize)).stream().map(row).toList());
            commit(session, cypher, params);
        }
    }

    /** Runs a {@code ... LIMIT $limit DELETE x RETURN count(*)} until it deletes less than a batch, a transaction each time. */
    private void deleteAll(Session session, String cypher, Map<String, Object> common) {
        Map<String, Object> params = new HashMap<>(common);
        params.put("limit", batchSize);
        while (commit(session, cypher, params) == batchSize) {
            // the next batch
        }
    }

    /**
     * One statement in a write transaction of its own (retried by the driver on transient errors, which
     * is safe: every statement here converges when repeated).
     *
     * @return the first column of its first record as a number, 0 without one
     */
    long commit(Session session, String cypher, Map<String, Object> params) {
        return session.executeWrite(tx -> {
            var result = tx.run(cypher, params);
            long n = result.hasNext() ? result.next().get(0).asLong() : 0;
            result.consume();
            return n;
        }, TransactionConfig.builder().withTimeout(config.transactionTimeout()).build());
    }

    /** Updates one finding's status in every graph, after a status change through the API. */
    public void findingStatus(String scope, String fingerprint, String status) {
        try (var session = driver.session(SessionConfig.defaultConfig())) {
            session.executeWriteWithoutResult(tx -> tx.run("MATCH (f:Finding {key: $key}) SET f.status = $status",
                    Map.of("key", GraphKeys.finding(scope, fingerprint), "status", status)).consume());
        }
    }
}
