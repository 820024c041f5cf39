package io.nubicustos.findings.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

import io.nubicustos.findings.config.AttackPathConfig;
import io.nubicustos.model.graph.EdgeType;
import io.nubicustos.model.graph.GraphEdge;
import io.nubicustos.model.graph.GraphNode;
import io.nubicustos.testing.TestNeo4j;

/**
 * The writer on the in-process Neo4j, with batches of a few rows so that one run takes many
 * transactions: the graph is the one a single batch writes, a second run replaces the first one's
 * edges, and a write that fails between batches converges when the run is written again.
 */
class GraphWriterIT {

    static final int SMALL = 7;

    static Driver driver;
    static GraphSchema schema;

    @BeforeAll
    static void connect() {
        driver = GraphDatabase.driver(TestNeo4j.boltUri(), AuthTokens.none());
        schema = new GraphSchema(driver);
    }

    @AfterAll
    static void close() {
        driver.close();
    }

    static GraphWriter writer(int batchSize) {
        return new GraphWriter(driver, schema, CONFIG, batchSize);
    }

    /** A writer that notes each transaction's statement and fails at its {@code failAt}-th, as a crash between batches would. */
    static final class Failing extends GraphWriter {
        final List<String> statements = new ArrayList<>();
        final int failAt;

        Failing(int failAt) {
            super(driver, schema, CONFIG, SMALL);
            this.failAt = failAt;
        }

        @Override
        long commit(Session session, String cypher, Map<String, Object> params) {
            statements.add(cypher);
            if (statements.size() == failAt) {
                throw new IllegalStateException("crash after " + (failAt - 1) + " transactions");
            }
            return super.commit(session, cypher, params);
        }
    }

    /** Run {@code n} of one ScanJob in {@code scope}, as the scanner uploads it. */
    record Run(String scope, int n, List<GraphNode> nodes, List<GraphEdge> edges, List<GraphBatch.FindingRow> findings) {

        String source() {
            return scope + "/audit";
        }

        String id() {
            return scope + "-run-" + n;
        }

        GraphBatch batch() {
            return GraphBatch.of(scope, source(), id(), nodes, edges, findings);
        }

        /** As RunGraphs reads them: by resource, pages of about {@code size}, a resource's findings in one page. */
        GraphWriter.FindingPages pages(int size) {
            List<GraphBatch.FindingRow> sorted = new ArrayList<>(findings);
            sorted.sort(java.util.Comparator.comparing(GraphBatch.FindingRow::ref));
            return page -> {
                List<GraphBatch.FindingRow> rows = new ArrayList<>();
                for (GraphBatch.FindingRow f : sorted) {
                    if (rows.size() >= size && !f.ref().equals(rows.get(rows.size() - 1).ref())) {
                        page.accept(rows);
                        rows = new ArrayList<>();
                    }
                    rows.add(f);
                }
                page.accept(rows);
            };
        }
    }

    /**
     * 40 workloads, each reaching the next few, with findings (some of them two, one asset told of by a finding with another
     * type and account); later runs drop some workloads.
     */
    static Run generated(String scope, int n) {
        List<GraphNode> nodes = new ArrayList<>();
        List<GraphEdge> edges = new ArrayList<>();
        List<GraphBatch.FindingRow> findings = new ArrayList<>();
        nodes.add(new GraphNode("Internet", "Internet", null, Map.of()));
        for (int i = 0; i < 40; i++) {
            if (n > 1 && i % 5 == 0) {
                continue;
            }
            String w = "Deployment/shop/w" + i;
            nodes.add(new GraphNode(w, "Deployment", "shop", Map.of("app", "w" + i)));
            edges.add(GraphEdge.of(w, EdgeType.RUNS_AS, "ServiceAccount/shop/w" + i));
            edges.add(GraphEdge.of("ServiceAccount/shop/w" + i, EdgeType.BOUND_TO, "Role/shop/r" + (i % 3)));
            edges.add(GraphEdge.of("Role/shop/r" + (i % 3), EdgeType.CAN_READ, "Secret/shop/s" + (i % 4)));
            for (int k = 1; k <= 3; k++) {
                edges.add(GraphEdge.of(w, EdgeType.CAN_REACH, "Service/shop/w" + ((i + k * n) % 40)));
            }
            if (i % 4 == 0) {
                edges.add(GraphEdge.of("Internet", EdgeType.CAN_REACH, "Service/shop/w" + i));
            }
            findings.add(new GraphBatch.FindingRow(w, "Deployment", "shop", "cluster-1",
                    new FindingFact("cve-" + i, 3, "CVE-" + i, "CVE-" + i, "Vulnerable image " + i, "open", "Update the image")));
            if (i % 2 == 0) {
                findings.add(new GraphBatch.FindingRow(w, "Deployment", "shop", null,
                        new FindingFact("privileged-" + i, 4, "privileged", "privileged", "Privileged " + i, "open", "Drop privileges")));
            }
            if (i % 3 == n % 3) {
                String bucket = "arn:aws:s3:::bucket-" + i;
                findings.add(new GraphBatch.FindingRow(bucket, "AwsS3Bucket", null, "123456789012",
                        new FindingFact("s3-" + i, 4, "s3_public", "s3_public", "Bucket " + i + " is public", "open", "Block public access")));
                findings.add(new GraphBatch.FindingRow(bucket, "Bucket", null, "210987654321",
                        new FindingFact("s3-logging-" + i, 1, "s3_logging", "s3_logging", "Bucket " + i + " logs nothing", "open", "Log")));
                edges.add(new GraphEdge("ServiceAccount/shop/w" + i, EdgeType.HAS_PERMISSION, bucket, "s3:GetObject"));
            }
        }
        // Repeated edges (roles read the same secrets, and this one) are written once.
        edges.add(edges.get(0));
        return new Run(scope, n, nodes, edges, findings);
    }

    static GraphBatch run(String scope, int n) {
        return generated(scope, n).batch();
    }

    /** The scope's graph as sorted lines, without what differs between scopes (keys, sources). */
    static List<String> graph(String scope) {
        try (var session = driver.session()) {
            List<String> lines = new ArrayList<>(session.run("""
                    MATCH (a:Asset {scope: $scope})
                    RETURN 'asset ' + a.ref + ' ' + a.kind + ' ' + coalesce(a.type, '-') + ' ' + coalesce(a.namespace, '-') + ' '
                           + coalesce(a.account, '-') AS line, a.labels AS labels, labels(a) AS kinds""", Map.of("scope", scope))
                    .list(r -> r.get("line").asString() + " " + r.get("labels").asList() + " " + new java.util.TreeSet<>(r.get("kinds").asList())));
            lines.addAll(session.run("""
                    MATCH (f:Finding {scope: $scope})
                    RETURN 'finding ' + f.fingerprint + ' ' + f.severity + ' ' + f.control + ' ' + f.title + ' ' + f.status AS line""",
                    Map.of("scope", scope)).list(r -> r.get("line").asString()));
            lines.addAll(session.run("""
                    MATCH (a:Asset {scope: $scope})-[r]->(b)
                    RETURN 'edge ' + a.ref + ' ' + type(r) + ' ' + coalesce(b.ref, b.fingerprint) + ' ' + coalesce(r.action, '-') + ' '
                           + coalesce(r.technique, '-') + ' ' + r.run AS line""", Map.of("scope", scope)).list(r -> r.get("line").asString()));
            lines.sort(null);
            return lines;
        }
    }

    static long count(List<String> graph, String kind) {
        return graph.stream().filter(l -> l.startsWith(kind + " ")).count();
    }

    static List<String> scoped(List<String> graph, String from, String to) {
        return graph.stream().map(l -> l.replace(from + "-run-", to + "-run-")).toList();
    }

    @Test
    void aRunOfManyBatchesWritesTheGraphThatOneBatchWritesAndTheNextRunReplacesItsEdges() {
        String batched = "batched-" + System.nanoTime();
        String whole = "whole-" + System.nanoTime();
        GraphBatch first = run(batched, 1);
        assertThat(first.assets().size()).isGreaterThan(10 * SMALL);
        assertThat(first.edges().size()).isGreaterThan(10 * SMALL);
        assertThat(first.findings().size()).isGreaterThan(3 * SMALL);

        writer(SMALL).write(first);
        writer(1_000_000).write(run(whole, 1));
        List<String> graph = graph(batched);
        assertThat(graph).isEqualTo(scoped(graph(whole), whole, batched));
        // Every distinct edge once, every finding on its asset, no orphan.
        assertThat(count(graph, "edge")).isEqualTo(first.edges().stream().distinct().count() + first.findings().size());
        assertThat(count(graph, "finding")).isEqualTo(first.findings().size());
        assertThat(count(graph, "asset")).isEqualTo(first.assets().size());
        assertThat(graph).contains("edge Internet CAN_REACH Service/shop/w0  T1190 " + batched + "-run-1");

        writer(SMALL).write(run(batched, 2));
        writer(1_000_000).write(run(whole, 2));
        List<String> second = graph(batched);
        assertThat(second).isEqualTo(scoped(graph(whole), whole, batched)).isNotEqualTo(graph);
        assertThat(second).allMatch(l -> !l.startsWith("edge ") || l.endsWith(batched + "-run-2"));
        assertThat(second).noneMatch(l -> l.contains("Deployment/shop/w0 ") || l.contains("finding cve-0 "));

        writer(SMALL).write(run(batched, 2));
        assertThat(graph(batched)).isEqualTo(second);
    }

    @Test
    void findingsPageByPageWriteTheGraphOfTheWholeRun() {
        String whole = "whole-" + System.nanoTime();
        String paged = "paged-" + System.nanoTime();
        for (int n = 1; n <= 2; n++) {
            writer(SMALL).write(run(whole, n));
            Run run = generated(paged, n);
            writer(SMALL).write(run.scope(), run.source(), run.id(), run.nodes(), run.edges(), run.pages(SMALL));
            List<String> graph = graph(paged);
            assertThat(graph).as("run %d", n).isEqualTo(scoped(graph(whole), whole, paged));
            // The first finding to know a value gives it; the scanner's node gives its kind and labels.
            assertThat(graph).contains("asset arn:aws:s3:::bucket-" + (n % 3) + " Resource AwsS3Bucket - 123456789012 [] [Asset, Resource]",
                    "asset Deployment/shop/w2 Workload Deployment shop cluster-1 [app=w2] [Asset, Workload]");
        }
    }

    @Test
    void aWriteThatFailsBetweenBatchesConvergesWhenTheRunIsWrittenAgain() {
        String clean = "clean-" + System.nanoTime();
        writer(SMALL).write(run(clean, 1));
        Failing counted = new Failing(0);
        counted.write(run(clean, 2));
        List<String> expected = graph(clean);
        List<String> statements = counted.statements;
        assertThat(statements).hasSizeGreaterThan(50);
        // Failing at the first transaction of each statement (assets of each kind, edges of each type, findings, the removals)
        // and at the last one.
        List<Integer> failures = new ArrayList<>();
        for (int i = 1; i < statements.size(); i++) {
            if (!statements.get(i).equals(statements.get(i - 1))) {
                failures.add(i + 1);
            }
        }
        failures.add(statements.size());
        for (int failAt : failures) {
            String scope = "crash-" + failAt + "-" + System.nanoTime();
            writer(SMALL).write(run(scope, 1));
            List<String> before = graph(scope);
            assertThatThrownBy(() -> new Failing(failAt).write(run(scope, 2))).hasMessageContaining("crash");
            if (statements.subList(0, failAt - 1).stream().noneMatch(c -> c.contains("<> $run"))) {
                // Until all of the run's edges are in, the first run's edges stay.
                assertThat(graph(scope)).containsAll(before.stream().filter(l -> l.startsWith("edge ")).toList());
            }
            writer(SMALL).write(run(scope, 2));
            assertThat(graph(scope)).as("written again after failing at transaction %d of %d", failAt, statements.size())
                    .isEqualTo(scoped(expected, clean, scope));
        }
    }

    static final AttackPathConfig CONFIG = new AttackPathConfig() {
        @Override
        public int maxHops() {
            return 6;
        }

        @Override
        public Duration searchTimeout() {
            return Duration.ofSeconds(20);
        }

        @Override
        public int maxPaths() {
            return 10_000;
        }

        @Override
        public int maxPathsPerEntry() {
            return 100;
        }

        @Override
        public String entryLabel() {
            return "nubicustos.io/entry-point";
        }

        @Override
        public String crownJewelLabel() {
            return "nubicustos.io/crown-jewel";
        }

        @Override
        public Duration syncInterval() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration transactionTimeout() {
            return Duration.ofSeconds(120);
        }
    };
}
