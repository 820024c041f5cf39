package io.nubicustos.findings.attackpath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;

import io.nubicustos.findings.config.AttackPathConfig;
import io.nubicustos.findings.graph.AssetKind;
import io.nubicustos.findings.graph.FindingFact;
import io.nubicustos.model.graph.EdgeType;

/** Reads a scope's graph from Neo4j into a {@link GraphSnapshot}, in one read transaction. */
@ApplicationScoped
public class GraphSnapshots {

    private final Driver driver;
    private final AttackPathConfig config;

    public GraphSnapshots(Driver driver, AttackPathConfig config) {
        this.driver = driver;
        this.config = config;
    }

    public GraphSnapshot load(String scope) {
        try (var session = driver.session(SessionConfig.builder().withFetchSize(10_000).build())) {
            return session.executeRead(tx -> {
                GraphSnapshot graph = new GraphSnapshot();
                // One record per asset with its findings and its edges out: a third of the records one per edge would take.
                // An edge waits for its end's asset as little as it can: its kind, its action (one string per action) and
                // its end's ref, not the driver's values (a 300,000-edge scope's edges doubled the heap of its snapshot).
                List<PendingLink> pending = new ArrayList<>();
                Map<String, String> actions = new HashMap<>();
                tx.run("""
                        MATCH (a:Asset {scope: $scope})
                        RETURN a.key AS id, a.ref AS ref, a.kind AS kind, a.type AS type, a.namespace AS namespace, a.account AS account,
                               a.labels AS labels,
                               [(a)-[:HAS_FINDING]->(f:Finding) | f {.fingerprint, .severity, .control, .checkId, .title, .status, .remediation}]
                                 AS findings,
                               [(a)-[r]->(b:Asset) WHERE type(r) <> 'IN_SEGMENT' | [type(r), r.action, b.ref]] AS out""", Map.of("scope", scope))
                        .forEachRemaining(r -> {
                            Asset asset = asset(r);
                            graph.add(asset);
                            for (Value e : r.get("out").values()) {
                                String action = e.get(1).asString(null);
                                pending.add(new PendingLink(asset.ref(), EdgeType.valueOf(e.get(0).asString()),
                                        action == null ? null : actions.computeIfAbsent(action, a -> a), e.get(2).asString()));
                            }
                        });
                for (PendingLink e : pending) {
                    graph.link(e.from(), e.type(), e.to(), e.action());
                }
                return graph;
            }, TransactionConfig.builder().withTimeout(config.transactionTimeout()).build());
        }
    }

    private record PendingLink(String from, EdgeType type, String action, String to) {
    }

    static Asset asset(Record r) {
        Map<String, String> labels = new HashMap<>();
        for (Object pair : r.get("labels").asList(Value::asObject, List.of())) {
            String text = String.valueOf(pair);
            int eq = text.indexOf('=');
            if (eq > 0) {
                labels.put(text.substring(0, eq), text.substring(eq + 1));
            }
        }
        List<FindingFact> findings = new ArrayList<>();
        for (Value f : r.get("findings").values()) {
            findings.add(new FindingFact(f.get("fingerprint").asString(), f.get("severity").asInt(0), f.get("control").asString(null),
                    f.get("checkId").asString(null), f.get("title").asString(null), f.get("status").asString("open"),
                    f.get("remediation").asString(null)));
        }
        return new Asset(r.get("id").asString(), r.get("ref").asString(), AssetKind.ofLabel(r.get("kind").asString()), r.get("type").asString(null),
                r.get("namespace").asString(null), r.get("account").asString(null), labels, findings);
    }
}
