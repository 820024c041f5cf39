package io.nubicustos.findings.graph;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.TransactionContext;

import io.nubicustos.findings.attackpath.Techniques;
import io.nubicustos.findings.config.AttackPathConfig;
import io.nubicustos.model.graph.EdgeType;
import io.nubicustos.model.graph.GraphEdge;

/**
 * Writes one run's part of the graph in one transaction, in {@code UNWIND} batches: assets and
 * findings are merged by key, and the run's source (its ScanJob) gets exactly the edges of this
 * run in place of those it drew before. Readers see the graph before or
 * after the run, never half of it; writing the same run twice changes nothing.
 */
@ApplicationScoped
public class GraphWriter {

    static final int BATCH = 5_000;

    private final Driver driver;
    private final GraphSchema schema;
    private final AttackPathConfig config;

    public GraphWriter(Driver driver, GraphSchema schema, AttackPathConfig config) {
        this.driver = driver;
        this.schema = schema;
        this.config = config;
    }

    public void write(GraphBatch batch) {
        schema.ensure();
        try (var session = driver.session(SessionConfig.defaultConfig())) {
            session.executeWriteWithoutResult(tx -> write(tx, batch),
                    TransactionConfig.builder().withTimeout(config.transactionTimeout()).build());
        }
    }

    private static void write(TransactionContext tx, GraphBatch batch) {
        Map<String, Object> common = Map.of("scope", batch.scope(), "source", batch.source(), "run", batch.run());
        Map<AssetKind, List<Map<String, Object>>> assets = new EnumMap<>(AssetKind.class);
        Map<String, AssetKind> kinds = new HashMap<>();
        for (GraphBatch.AssetRow a : batch.assets()) {
            kinds.put(a.ref(), a.kind());
            Map<String, Object> row = new HashMap<>();
            row.put("key", GraphKeys.asset(batch.scope(), a.ref()));
            row.put("ref", a.ref());
            row.put("type", a.type());
            row.put("namespace", a.namespace() == null || a.namespace().isEmpty() ? null : a.namespace());
            row.put("account", a.account());
            row.put("labels", new TreeMap<>(a.labels()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            assets.computeIfAbsent(a.kind(), k -> new ArrayList<>()).add(row);
        }
        for (var entry : assets.entrySet()) {
            // Labels cannot be parameters: they come from the AssetKind table, never from input.
            String label = entry.getKey().label();
            // One kind label per asset, so that OGM maps each node to one entity class.
            String others = java.util.Arrays.stream(AssetKind.values()).filter(k -> k != entry.getKey()).map(k -> ":" + k.label())
                    .collect(java.util.stream.Collectors.joining());
            run(tx, """
                    UNWIND $rows AS row
                    MERGE (a:Asset {key: row.key})
                      ON CREATE SET a.scope = $scope, a.ref = row.ref
                    REMOVE a%s
                    SET a:%s, a.kind = '%s', a.type = coalesce(row.type, a.type), a.namespace = coalesce(row.namespace, a.namespace),
                        a.account = coalesce(row.account, a.account),
                        a.labels = CASE WHEN size(row.labels) > 0 THEN row.labels ELSE coalesce(a.labels, []) END""".formatted(others, label, label),
                    entry.getValue(), common);
        }
        // The source's edges are replaced whole: what it drew before goes, what this run saw is created. Creating is
        // cheaper than merging, and an edge the source no longer sees cannot survive.
        for (EdgeType type : EdgeType.values()) {
            tx.run("MATCH ()-[r:" + type.name() + " {source: $source}]->() DELETE r", common).consume();
        }
        Map<EdgeType, Map<String, Map<String, Object>>> edges = new EnumMap<>(EdgeType.class);
        Map<String, Boolean> dataStores = new HashMap<>();
        batch.assets().forEach(a -> dataStores.put(a.ref(), AssetKind.dataStore(a.type(), a.ref())));
        for (GraphEdge e : batch.edges()) {
            var technique = Techniques.of(e.type(), kinds.get(e.from()), kinds.get(e.to()), dataStores.getOrDefault(e.to(), false));
            String action = e.action() == null ? "" : e.action();
            Map<String, Object> row = new HashMap<>();
            row.put("from", GraphKeys.asset(batch.scope(), e.from()));
            row.put("to", GraphKeys.asset(batch.scope(), e.to()));
            row.put("action", action);
            row.put("technique", technique == null ? null : technique.id());
            edges.computeIfAbsent(e.type(), t -> new HashMap<>()).putIfAbsent(e.from() + "\n" + e.to() + "\n" + action, row);
        }
        for (var entry : edges.entrySet()) {
            run(tx, """
                    UNWIND $rows AS row
                    MATCH (a:Asset {key: row.from})
                    MATCH (b:Asset {key: row.to})
                    CREATE (a)-[:%s {source: $source, action: row.action, run: $run, technique: row.technique}]->(b)""".formatted(entry.getKey().name()),
                    new ArrayList<>(entry.getValue().values()), common);
        }
        List<Map<String, Object>> findings = new ArrayList<>();
        for (GraphBatch.FindingRow f : batch.findings()) {
            Map<String, Object> row = new HashMap<>();
            row.put("key", GraphKeys.finding(batch.scope(), f.fact().fingerprint()));
            row.put("asset", GraphKeys.asset(batch.scope(), f.ref()));
            row.put("fingerprint", f.fact().fingerprint());
            row.put("severity", f.fact().severity());
            row.put("control", f.fact().control());
            row.put("checkId", f.fact().checkId());
            row.put("title", f.fact().title());
            row.put("status", f.fact().status());
            row.put("remediation", f.fact().remediation());
            findings.add(row);
        }
        run(tx, """
                UNWIND $rows AS row
                MERGE (f:Finding {key: row.key})
                  ON CREATE SET f.scope = $scope, f.fingerprint = row.fingerprint
                SET f.severity = row.severity, f.control = row.control, f.checkId = row.checkId, f.title = row.title, f.status = row.status,
                    f.remediation = row.remediation
                WITH f, row
                MATCH (a:Asset {key: row.asset})
                CREATE (a)-[:HAS_FINDING {source: $source, run: $run}]->(f)""", findings, common);
        tx.run("MATCH (f:Finding {scope: $scope}) WHERE NOT ()-[:HAS_FINDING]->(f) DELETE f", common).consume();
        tx.run("MATCH (a:Asset {scope: $scope}) WHERE NOT (a)--() DELETE a", common).consume();
    }

    private static void run(TransactionContext tx, String cypher, List<Map<String, Object>> rows, Map<String, Object> common) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            Map<String, Object> params = new HashMap<>(common);
            params.put("rows", rows.subList(from, Math.min(rows.size(), from + BATCH)));
            tx.run(cypher, params).consume();
        }
    }

    /** Updates one finding's status in every graph, after a status change through the API. */
    public void findingStatus(String scope, String fingerprint, String status) {
        try (var session = driver.session(SessionConfig.defaultConfig())) {
            session.executeWriteWithoutResult(tx -> tx.run("MATCH (f:Finding {key: $key}) SET f.status = $status",
                    Map.of("key", GraphKeys.finding(scope, fingerprint), "status", status)).consume());
        }
    }
}
