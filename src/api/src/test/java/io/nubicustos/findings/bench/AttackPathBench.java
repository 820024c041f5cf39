package io.nubicustos.findings.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.nubicustos.findings.attackpath.AttackPathAnalyzer;
import io.nubicustos.findings.attackpath.AttackPathStore;
import io.nubicustos.findings.attackpath.GraphSnapshot;
import io.nubicustos.findings.attackpath.GraphSnapshots;
import io.nubicustos.findings.attackpath.PathSearch;
import io.nubicustos.findings.attackpath.Targets;
import io.nubicustos.findings.graph.FindingFact;
import io.nubicustos.findings.graph.GraphBatch;
import io.nubicustos.findings.graph.GraphKeys;
import io.nubicustos.findings.graph.GraphWriter;
import io.nubicustos.findings.support.Keys;
import io.nubicustos.model.graph.EdgeType;
import io.nubicustos.model.graph.GraphEdge;
import io.nubicustos.model.graph.GraphNode;
import io.nubicustos.testing.BenchReport;
import io.nubicustos.testing.Neo4jTestResource;
import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * A generated scope of 100,000 assets and 300,000 edges (ten clusters with their cloud accounts,
 * seed 42), written by the sync as ten runs, then searched; one asset's exposure over HTTP with
 * an API key, as users ask for it.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class AttackPathBench {

    static final int CLUSTERS = Integer.getInteger("bench.clusters", 10);
    static final String SCOPE = "bench-graph";

    @Inject
    GraphWriter writer;

    @Inject
    GraphSnapshots snapshots;

    @Inject
    AttackPathAnalyzer analyzer;

    @Inject
    AttackPathStore store;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** One cluster's run: about 10,000 assets and 30,000 edges. */
    record Generated(List<GraphNode> nodes, List<GraphEdge> edges, List<GraphBatch.FindingRow> findings) {
    }

    static Generated cluster(int c, Random random) {
        List<GraphNode> nodes = new ArrayList<>();
        List<GraphEdge> edges = new ArrayList<>();
        List<GraphBatch.FindingRow> findings = new ArrayList<>();
        String p = "c" + c + "-";
        nodes.add(new GraphNode("Internet", "Internet", null, Map.of()));
        nodes.add(new GraphNode("ClusterRole//" + p + "cluster-admin", "ClusterRole", null, Map.of()));
        int workloads = 2_500;
        for (int i = 0; i < 40; i++) {
            nodes.add(new GraphNode("Node//" + p + "node-" + i, "Node", null, Map.of()));
        }
        for (int n = 0; n < 20; n++) {
            nodes.add(new GraphNode("Namespace//" + p + "ns" + n, "Namespace", null, Map.of()));
            edges.add(GraphEdge.of("Namespace//" + p + "ns" + n, EdgeType.IN_SEGMENT, "NetworkSegment//" + p + "segment-" + (n % 5)));
        }
        for (int i = 0; i < 1_000; i++) {
            String ns = p + "ns" + (i % 20);
            nodes.add(new GraphNode("Role/" + ns + "/role-" + i, "Role", ns, Map.of()));
            nodes.add(new GraphNode("Secret/" + ns + "/secret-" + i, "Secret", ns, Map.of()));
            edges.add(GraphEdge.of("Role/" + ns + "/role-" + i, EdgeType.CAN_READ, "Secret/" + ns + "/secret-" + i));
        }
        for (int i = 0; i < 200; i++) {
            nodes.add(new GraphNode("arn:aws:iam::1000000000" + c + ":role/" + p + "role-" + i, "IamRole", null, Map.of()));
        }
        for (int i = 0; i < 236; i++) {
            String bucket = "arn:aws:s3:::" + p + "bucket-" + i;
            nodes.add(new GraphNode(bucket, "AwsS3Bucket", null, Map.of()));
            for (int k = 0; k < 4; k++) {
                edges.add(new GraphEdge("arn:aws:iam::1000000000" + c + ":role/" + p + "role-" + random.nextInt(200), EdgeType.HAS_PERMISSION, bucket,
                        random.nextInt(4) == 0 ? "s3:*" : "s3:GetObject"));
            }
            if (random.nextInt(10) == 0) {
                findings.add(finding(bucket, "AwsS3Bucket", null, 4, "s3_bucket_public_access", c, i));
            }
        }
        for (int i = 0; i < workloads; i++) {
            String ns = p + "ns" + (i % 20);
            String w = "Deployment/" + ns + "/w" + i;
            String svc = "Service/" + ns + "/w" + i;
            String sa = "ServiceAccount/" + ns + "/w" + i;
            nodes.add(new GraphNode(w, "Deployment", ns, Map.of("app", "w" + i)));
            nodes.add(new GraphNode(svc, "Service", ns, Map.of()));
            nodes.add(new GraphNode(sa, "ServiceAccount", ns, Map.of()));
            edges.add(GraphEdge.of(svc, EdgeType.CAN_REACH, w));
            edges.add(GraphEdge.of(w, EdgeType.RUNS_ON, "Node//" + p + "node-" + random.nextInt(40)));
            edges.add(GraphEdge.of(w, EdgeType.RUNS_AS, sa));
            edges.add(GraphEdge.of(w, EdgeType.MOUNTS, "Secret/" + p + "ns" + (i % 20) + "/secret-" + (random.nextInt(50) * 20 + i % 20)));
            edges.add(GraphEdge.of(sa, EdgeType.BOUND_TO, "Role/" + ns + "/role-" + (random.nextInt(50) * 20 + i % 20)));
            if (i % 50 == 0) {
                edges.add(GraphEdge.of("Internet", EdgeType.CAN_REACH, svc));
                findings.add(finding(svc, "Service", ns, 2, "service-loadbalancer", c, i));
            }
            if (i % 100 == 7) {
                edges.add(GraphEdge.of(sa, EdgeType.BOUND_TO, "ClusterRole//" + p + "cluster-admin"));
            }
            if (i % 20 == 3) {
                edges.add(GraphEdge.of(sa, EdgeType.CAN_ASSUME, "arn:aws:iam::1000000000" + c + ":role/" + p + "role-" + random.nextInt(200)));
            }
            if (random.nextInt(10) == 0) {
                findings.add(finding(w, "Deployment", ns, 3 + random.nextInt(2), "CVE-2024-" + random.nextInt(9999), c, i));
            }
            if (random.nextInt(20) == 0) {
                findings.add(finding(w, "Deployment", ns, 4, "cis-k8s-5.2.2:privileged", c, i));
            }
            // Lateral movement: each workload reaches about six services, mostly in its own namespace.
            for (int k = 0; k < 6; k++) {
                int target = random.nextInt(4) == 0 ? random.nextInt(workloads) : (random.nextInt(workloads / 20) * 20 + i % 20);
                if (target != i) {
                    edges.add(GraphEdge.of(w, EdgeType.CAN_REACH, "Service/" + p + "ns" + (target % 20) + "/w" + target));
                }
            }
        }
        return new Generated(nodes, edges, findings);
    }

    static GraphBatch.FindingRow finding(String ref, String type, String ns, int severity, String control, int c, int i) {
        return new GraphBatch.FindingRow(ref, type, ns, "cluster-" + c, new FindingFact(Integer.toHexString((ref + control).hashCode()) + "-" + c + "-" + i,
                severity, control, control, control, "open", "Fix " + control));
    }

    @Test
    void hundredThousandAssets() throws Exception {
        BenchReport report = new BenchReport("attack-paths",
                "100k nodes / 300k relationships: sync > 20000 nodes/s, one asset's exposure p95 < 50 ms, top 100 paths < 1 s");
        Random random = new Random(42);
        long nodes = 0;
        long edges = 0;
        long findings = 0;
        long syncNanos = 0;
        for (int c = 0; c < CLUSTERS; c++) {
            Generated g = cluster(c, random);
            GraphBatch batch = GraphBatch.of(SCOPE, SCOPE + "/cluster-" + c, "bench-run-" + c, g.nodes(), g.edges(), g.findings());
            nodes += batch.assets().size();
            edges += g.edges().size();
            findings += g.findings().size();
            long start = System.nanoTime();
            writer.write(batch);
            syncNanos += System.nanoTime() - start;
        }
        double syncSeconds = syncNanos / 1e9;
        report.figure("assets", nodes).figure("edges", edges).figure("findings", findings)
                .figure("sync_s", Math.round(syncSeconds * 100) / 100.0)
                .figure("sync_nodes_per_s", Math.round(nodes / syncSeconds))
                .figure("sync_elements_per_s", Math.round((nodes + edges + 2 * findings) / syncSeconds));

        long loadStart = System.nanoTime();
        GraphSnapshot graph = snapshots.load(SCOPE);
        long loadMs = (System.nanoTime() - loadStart) / 1_000_000;
        long searchStart = System.nanoTime();
        PathSearch.Result found = PathSearch.search(SCOPE, graph, new Targets("nubicustos.io/entry-point", "nubicustos.io/crown-jewel"),
                new PathSearch.Limits(6, 10_000, 100, java.time.Duration.ofSeconds(60)));
        long searchMs = (System.nanoTime() - searchStart) / 1_000_000;
        assertThat(graph.size()).isGreaterThan(CLUSTERS * 9_000);
        report.figure("assets_in_graph", graph.size()).figure("traversable_edges_in_graph", graph.edgeCount());
        long analysisStart = System.nanoTime();
        PathSearch.Result stored = analyzer.analyze(SCOPE);
        long analysisMs = (System.nanoTime() - analysisStart) / 1_000_000;
        assertThat(stored.paths()).hasSameSizeAs(found.paths()).isNotEmpty();
        long topStart = System.nanoTime();
        var top = store.list(java.util.Optional.empty(), new AttackPathStore.Filter(null, null, null, null, SCOPE), java.util.Optional.empty(), 100);
        long topMs = (System.nanoTime() - topStart) / 1_000_000;
        assertThat(top).hasSize(100);
        report.figure("snapshot_load_ms", loadMs).figure("search_ms", searchMs).figure("top100_search_and_load_ms", loadMs + searchMs)
                .figure("analysis_total_ms", analysisMs).figure("top100_query_ms", topMs)
                .figure("paths_kept", stored.paths().size()).figure("entry_points", stored.entryPoints()).figure("crown_jewels", stored.crownJewels())
                .figure("search_truncated", stored.truncated() ? 1 : 0).figure("top_score", top.get(0).score());

        // Exposure of 1,000 assets: half on paths (workloads behind exposed services), half anywhere.
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        Random pick = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            int c = pick.nextInt(CLUSTERS);
            int w = i % 2 == 0 ? pick.nextInt(50) * 50 : pick.nextInt(2_500);
            ids.add(GraphKeys.asset(SCOPE, "Deployment/c" + c + "-ns" + (w % 20) + "/w" + w));
        }
        for (String id : ids.subList(0, 100)) {
            exposure(http, id);
        }
        double[] ms = new double[ids.size()];
        long pathsSeen = 0;
        for (int i = 0; i < ids.size(); i++) {
            long start = System.nanoTime();
            String body = exposure(http, ids.get(i));
            ms[i] = (System.nanoTime() - start) / 1e6;
            pathsSeen += body.contains("\"items\":[]") ? 0 : 1;
        }
        Arrays.sort(ms);
        report.figure("exposure_p50_ms", Math.round(ms[ms.length / 2] * 100) / 100.0)
                .figure("exposure_p95_ms", Math.round(ms[(int) (ms.length * 0.95)] * 100) / 100.0)
                .figure("exposure_max_ms", Math.round(ms[ms.length - 1] * 100) / 100.0)
                .figure("exposure_answers_with_paths", pathsSeen);
        report.write();
    }

    String exposure(HttpClient http, String id) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/resources/" + id + "/exposure?limit=20"))
                .header("X-API-Key", Keys.BOOTSTRAP).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
