package io.nubicustos.findings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nubicustos.model.finding.Severity;
import io.nubicustos.findings.graph.GraphBatch;
import io.nubicustos.findings.graph.GraphWriter;
import io.nubicustos.findings.graph.RunGraphs;
import io.nubicustos.findings.security.ApiKeys;
import io.nubicustos.findings.security.Role;
import io.nubicustos.findings.support.Keys;
import io.nubicustos.findings.support.Plant;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.graph.EdgeType;
import io.nubicustos.model.graph.GraphEdge;
import io.nubicustos.model.graph.GraphNode;
import io.nubicustos.model.ingest.UploadToken;
import io.nubicustos.testing.Neo4jTestResource;
import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Attack paths end to end on the real PostgreSQL and in-process Neo4j: graphs uploaded with runs,
 * synced to Neo4j, searched, and served with the API's authentication and scoping; and the
 * built-in Kubernetes audit of objects planted on the mock API server.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class AttackPathIT {

    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    static final String ROLE = "arn:aws:iam::123456789012:role/shop-web";
    static final String BUCKET = "arn:aws:s3:::shop-customer-data";

    @ConfigProperty(name = "nubicustos.api.ingest.upload-key")
    String uploadKey;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    ApiKeys keys;

    @Inject
    Driver neo4j;

    @Inject
    GraphWriter writer;

    @Inject
    KubernetesClient kubernetes;

    @Inject
    org.neo4j.ogm.session.SessionFactory sessions;

    /** Uploads one run of ScanJob {@code scanJob} in {@code ns} as the scanner does, and completes it. */
    void upload(String ns, String scanJob, String runId, List<NormalizedFinding> findings, List<GraphNode> nodes, List<GraphEdge> edges)
            throws Exception {
        String auth = "Bearer " + new UploadToken(runId, ns, scanJob, "uid-" + scanJob, Instant.now().plus(1, ChronoUnit.HOURS), true)
                .sign(Base64.getDecoder().decode(uploadKey));
        byte[] chunk = JSON.writeValueAsBytes(Map.of("tool", "kubernetes", "provider", "kubernetes", "findings", findings, "controls", List.of(),
                "nodes", nodes, "edges", edges));
        given().header("Authorization", auth).contentType(ContentType.JSON).body(chunk).post("/api/ingest/runs/" + runId + "/chunks/0")
                .then().statusCode(200);
        given().header("Authorization", auth).contentType(ContentType.JSON)
                .body(Map.of("outcome", "succeeded", "chunks", 1, "emptyResult", findings.isEmpty()))
                .post("/api/ingest/runs/" + runId + "/complete").then().statusCode(200);
    }

    static NormalizedFinding finding(String ns, String check, Severity severity, String resourceType, String resource) {
        return NormalizedFinding.of("kubernetes", check, severity, check, null, "Fix " + check, "kubernetes", "demo", null, ns, resourceType,
                resource, Map.of());
    }

    /** The exposed shop: Internet -> LoadBalancer -> vulnerable privileged Deployment -> node, cluster-admin, and by IRSA a bucket. */
    static List<GraphEdge> shopEdges(String ns) {
        return List.of(
                GraphEdge.of("Internet", EdgeType.CAN_REACH, "Service/" + ns + "/web"),
                GraphEdge.of("Service/" + ns + "/web", EdgeType.CAN_REACH, "Deployment/" + ns + "/web"),
                GraphEdge.of("Deployment/" + ns + "/web", EdgeType.RUNS_ON, "Node//node-1"),
                GraphEdge.of("Deployment/" + ns + "/web", EdgeType.RUNS_AS, "ServiceAccount/" + ns + "/web"),
                GraphEdge.of("ServiceAccount/" + ns + "/web", EdgeType.BOUND_TO, "ClusterRole//cluster-admin"),
                GraphEdge.of("ServiceAccount/" + ns + "/web", EdgeType.CAN_ASSUME, ROLE),
                new GraphEdge(ROLE, EdgeType.HAS_PERMISSION, BUCKET, "s3:*"));
    }

    static List<GraphNode> shopNodes(String ns) {
        return List.of(new GraphNode("Deployment/" + ns + "/web", "Deployment", ns, Map.of("app", "web")),
                new GraphNode(ROLE, "IamRole", null, Map.of()), new GraphNode("Internet", "Internet", null, Map.of()));
    }

    static List<NormalizedFinding> shopFindings(String ns) {
        return List.of(
                finding(ns, "service-loadbalancer", Severity.MEDIUM, "Service", "Service/" + ns + "/web"),
                finding(ns, "privileged-container", Severity.CRITICAL, "Deployment", "Deployment/" + ns + "/web"),
                finding(ns, "CVE-2024-3094", Severity.CRITICAL, "Deployment", "Deployment/" + ns + "/web"),
                NormalizedFinding.of("prowler", "s3_bucket_public_access", Severity.CRITICAL, "Bucket is public", null, "Block public access", "aws",
                        "123456789012", "eu-west-1", null, "AwsS3Bucket", BUCKET, Map.of()));
    }

    JsonPath awaitPaths(String key, String query, int atLeast) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> given().header("X-API-Key", key).get("/api/attack-paths?" + query).then().statusCode(200).extract().jsonPath(),
                        json -> json.getList("items").size() >= atLeast);
    }

    static JsonPath path(List<Map<String, Object>> items, String targetRef) {
        return given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/attack-paths/" + items.stream()
                .filter(p -> targetRef.equals(((Map<?, ?>) p.get("target")).get("ref"))).findFirst().orElseThrow().get("id"))
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aPlantedClusterAndCloudGraphServesScoredPathsWithTechniquesAndTheFindingsBehindEachStep() throws Exception {
        String ns = "shop-" + System.nanoTime();
        upload(ns, "audit", ns + "-1", shopFindings(ns), shopNodes(ns), shopEdges(ns));

        JsonPath list = awaitPaths(Keys.BOOTSTRAP, "scope=" + ns, 3);
        List<Map<String, Object>> items = list.getList("items");
        assertThat(items).extracting(p -> (Object) ((Map<?, ?>) p.get("target")).get("ref")).containsExactlyInAnyOrder("Node//node-1",
                "ClusterRole//cluster-admin", BUCKET);
        assertThat(items).extracting(p -> (Integer) p.get("score")).isSortedAccordingTo(java.util.Comparator.reverseOrder())
                .allSatisfy(score -> assertThat(score).isGreaterThanOrEqualTo(80));

        JsonPath node = path(items, "Node//node-1");
        assertThat(node.getInt("score")).isGreaterThanOrEqualTo(90);
        assertThat(node.getList("nodes.ref")).containsExactly("Internet", "Service/" + ns + "/web", "Deployment/" + ns + "/web", "Node//node-1");
        assertThat(node.getList("steps.technique.id")).containsExactly("T1190", "T1190", "T1611");
        assertThat(node.getList("steps[2].findings.control")).containsExactly("cis-k8s-5.2.2:privileged");
        long privileged = node.getLong("steps[2].findings[0].findingId");
        given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/findings/" + privileged).then().statusCode(200)
                .body("checkId", equalTo("privileged-container"));
        assertThat(node.getInt("breakAt.step")).isZero();
        assertThat(node.getString("breakAt.remediation")).contains("Service/" + ns + "/web");

        JsonPath bucket = path(items, BUCKET);
        assertThat(bucket.getList("steps.relationship")).containsExactly("CAN_REACH", "CAN_REACH", "RUNS_AS", "CAN_ASSUME", "HAS_PERMISSION");
        assertThat(bucket.getList("steps.technique.id")).endsWith("T1078.004", "T1530");
        assertThat(bucket.getString("steps[4].action")).isEqualTo("s3:*");
        assertThat(bucket.getString("target.kind")).isEqualTo("Resource");
        assertThat(bucket.getList("accounts")).as("the cloud account and the cluster").containsExactly("123456789012", "demo");

        // The Deployment is on all three paths; the Service is where each enters.
        String deployment = node.getString("nodes[2].id");
        given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/resources/" + deployment + "/exposure").then().statusCode(200)
                .body("asset.ref", equalTo("Deployment/" + ns + "/web")).body("asset.kind", equalTo("Workload")).body("paths", equalTo(3))
                .body("items.role", org.hamcrest.Matchers.everyItem(equalTo("step")));
        given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/resources/" + node.getString("nodes[1].id") + "/exposure").then().statusCode(200)
                .body("items.role", org.hamcrest.Matchers.everyItem(equalTo("entry")));
        given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/resources/" + node.getString("nodes[3].id") + "/exposure").then().statusCode(200)
                .body("paths", equalTo(1)).body("items[0].role", equalTo("target"));

        // The nodes the sync wrote in batches are the OGM entities, one class per kind.
        var session = sessions.openSession();
        var workload = session.load(io.nubicustos.findings.graph.entity.Asset.class, deployment, 1);
        assertThat(workload).isInstanceOf(io.nubicustos.findings.graph.entity.Workload.class);
        assertThat(workload.getLabels()).containsExactly("app=web");
        assertThat(workload.getFindings()).extracting(io.nubicustos.findings.graph.entity.Finding::getCheckId)
                .containsExactlyInAnyOrder("CVE-2024-3094", "privileged-container");
        assertThat(session.load(io.nubicustos.findings.graph.entity.Asset.class, node.getString("nodes[0].id"), 0))
                .isInstanceOf(io.nubicustos.findings.graph.entity.Internet.class);
        assertThat(session.load(io.nubicustos.findings.graph.entity.Asset.class, path(items, "ClusterRole//cluster-admin").getString("target.id"), 0))
                .isInstanceOf(io.nubicustos.findings.graph.entity.Identity.class);
    }

    @Test
    void aFindingMarkedFalsePositiveNoLongerEnablesItsStep() throws Exception {
        String ns = "triage-" + System.nanoTime();
        upload(ns, "audit", ns + "-1", shopFindings(ns), shopNodes(ns), shopEdges(ns));
        JsonPath node = path(awaitPaths(Keys.BOOTSTRAP, "scope=" + ns, 3).getList("items"), "Node//node-1");
        assertThat(node.getInt("score")).isGreaterThanOrEqualTo(90);

        given().header("X-API-Key", Keys.BOOTSTRAP).contentType(ContentType.JSON)
                .body(Map.of("status", "false_positive", "reason", "runs in a sandboxed runtime"))
                .patch("/api/findings/" + node.getLong("steps[2].findings[0].findingId")).then().statusCode(200);

        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            JsonPath now = path(given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/attack-paths?scope=" + ns).then().extract().jsonPath()
                    .getList("items"), "Node//node-1");
            assertThat(now.getList("steps[2].findings")).isEmpty();
            assertThat(now.getInt("score")).as("escaping a hardened container is unlikely").isLessThan(node.getInt("score") / 3);
        });
    }

    @Test
    void listsFilterAndPageByScoreAndId() throws Exception {
        String ns = "pages-" + System.nanoTime();
        upload(ns, "audit", ns + "-1", shopFindings(ns), shopNodes(ns), shopEdges(ns));
        List<Map<String, Object>> all = awaitPaths(Keys.BOOTSTRAP, "scope=" + ns, 3).getList("items");

        List<Object> walked = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/attack-paths?scope=" + ns + "&limit=1"
                    + (cursor == null ? "" : "&cursor=" + cursor)).then().statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(all.stream().map(p -> p.get("id")).toList());

        int top = (Integer) all.get(0).get("score");
        given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/attack-paths?scope=" + ns + "&minScore=" + top).then().statusCode(200)
                .body("items.score", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.greaterThanOrEqualTo(top)));
        given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/attack-paths?scope=" + ns + "&targetKind=Node").then().statusCode(200)
                .body("items.target.ref", org.hamcrest.Matchers.contains("Node//node-1"));
        given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/attack-paths?scope=" + ns + "&account=123456789012").then().statusCode(200)
                .body("items.target.ref", org.hamcrest.Matchers.contains(BUCKET));
        given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/attack-paths?namespace=" + ns).then().statusCode(200)
                .body("items.size()", equalTo(3));

        for (String bad : List.of("minScore=101", "minScore=-1", "targetKind=Pod", "cursor=bm9wZQ", "namespace=%27%20OR%201%3D1", "limit=0")) {
            given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/attack-paths?" + bad).then().statusCode(400);
        }
        for (String bad : List.of("/api/attack-paths/ap-000000000000000000000000", "/api/resources/x/exposure",
                "/api/resources/as-000000000000000000000000/exposure")) {
            given().header("X-API-Key", Keys.BOOTSTRAP).get(bad).then().statusCode(404);
        }
    }

    @Test
    void pathsAreForOperatorsOfTheirOwnScope() throws Exception {
        String ns = "tenant-" + System.nanoTime();
        upload(ns, "audit", ns + "-1", shopFindings(ns), shopNodes(ns), shopEdges(ns));
        List<Map<String, Object>> items = awaitPaths(Keys.BOOTSTRAP, "scope=" + ns, 3).getList("items");
        String id = (String) items.get(0).get("id");
        String asset = (String) ((Map<?, ?>) items.get(0).get("target")).get("id");

        String own = Keys.create(keys, Role.OPERATOR, ns);
        String other = Keys.create(keys, Role.OPERATOR, "other-" + ns);
        String viewer = Keys.create(keys, Role.VIEWER, ns);
        given().header("X-API-Key", own).get("/api/attack-paths").then().statusCode(200).body("items.size()", equalTo(3));
        given().header("X-API-Key", own).get("/api/attack-paths/" + id).then().statusCode(200);
        given().header("X-API-Key", own).get("/api/resources/" + asset + "/exposure").then().statusCode(200);
        given().header("X-API-Key", own).get("/api/attack-paths/analysis/" + ns).then().statusCode(200)
                .body("paths", equalTo(3)).body("truncated", equalTo(false)).body("scope", equalTo(ns));

        given().header("X-API-Key", other).get("/api/attack-paths").then().statusCode(200).body("items.size()", equalTo(0));
        given().header("X-API-Key", other).get("/api/attack-paths?scope=" + ns).then().statusCode(200).body("items.size()", equalTo(0));
        given().header("X-API-Key", other).get("/api/attack-paths/" + id).then().statusCode(404);
        given().header("X-API-Key", other).get("/api/resources/" + asset + "/exposure").then().statusCode(404);
        given().header("X-API-Key", other).get("/api/attack-paths/analysis/" + ns).then().statusCode(404);
        for (String route : List.of("/api/attack-paths", "/api/attack-paths/" + id, "/api/resources/" + asset + "/exposure",
                "/api/attack-paths/analysis/" + ns)) {
            given().header("X-API-Key", viewer).get(route).then().statusCode(403);
            given().get(route).then().statusCode(401);
        }
    }

    long count(String cypher, Map<String, Object> params) {
        try (var session = neo4j.session()) {
            return session.run(cypher, params).single().get(0).asLong();
        }
    }

    @Test
    void aSegmentThatCutsTheLateralEdgeInTheNextRunRemovesThePathAndSyncingTwiceChangesNothing() throws Exception {
        String ns = "segments-" + System.nanoTime();
        List<GraphEdge> open = new ArrayList<>(List.of(
                GraphEdge.of("Internet", EdgeType.CAN_REACH, "Ingress/" + ns + "/preview"),
                GraphEdge.of("Ingress/" + ns + "/preview", EdgeType.CAN_REACH, "Service/" + ns + "/preview"),
                GraphEdge.of("Service/" + ns + "/preview", EdgeType.CAN_REACH, "Deployment/" + ns + "/preview"),
                GraphEdge.of("Service/" + ns + "/db", EdgeType.CAN_REACH, "StatefulSet/" + ns + "/db"),
                GraphEdge.of("StatefulSet/" + ns + "/db", EdgeType.MOUNTS, "Secret/" + ns + "/db-credentials")));
        GraphEdge lateral = GraphEdge.of("Deployment/" + ns + "/preview", EdgeType.CAN_REACH, "Service/" + ns + "/db");
        List<GraphEdge> withLateral = new ArrayList<>(open);
        withLateral.add(lateral);
        upload(ns, "audit", ns + "-1", List.of(), List.of(), withLateral);
        JsonPath first = awaitPaths(Keys.BOOTSTRAP, "scope=" + ns, 1);
        assertThat(first.getList("items.target.ref")).containsExactly("Secret/" + ns + "/db-credentials");
        assertThat(first.getList("items[0].techniques")).contains("T1210", "T1552.001");

        Map<String, Object> scope = Map.of("scope", ns);
        String nodes = "MATCH (a:Asset {scope: $scope}) RETURN count(a)";
        String edges = "MATCH (a:Asset {scope: $scope})-[r]->() RETURN count(r)";
        long nodeCount = count(nodes, scope);
        long edgeCount = count(edges, scope);
        var pending = new RunGraphs.PendingRun(null, ns + "-1", ns, "audit");
        GraphBatch again = GraphBatch.of(ns, pending.source(), pending.runId(), List.of(), withLateral, List.of());
        writer.write(again);
        writer.write(again);
        assertThat(count(nodes, scope)).isEqualTo(nodeCount);
        assertThat(count(edges, scope)).isEqualTo(edgeCount).isEqualTo(withLateral.size());

        upload(ns, "audit", ns + "-2", List.of(), List.of(), open);
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> given().header("X-API-Key", Keys.BOOTSTRAP)
                .get("/api/attack-paths?scope=" + ns).then().statusCode(200).body("items.size()", equalTo(0)));
        assertThat(count(edges, scope)).isEqualTo(open.size());
    }

    @Test
    void theBuiltInAuditOfObjectsPlantedOnTheApiServerProducesTheExpectedPaths() throws Exception {
        String ns = "audit-" + System.nanoTime();
        kubernetes.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        kubernetes.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder().withNewMetadata().withName("web").endMetadata().build())
                .create();
        kubernetes.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("web-0").addToLabels("app", "web").endMetadata()
                .withNewSpec().withServiceAccountName("web").withNodeName("node-7")
                .addNewContainer().withName("web").withImage("shop/web:1.0").withNewSecurityContext().withPrivileged(true).endSecurityContext()
                .endContainer().endSpec().build()).create();
        kubernetes.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec()
                .withType("LoadBalancer").addToSelector("app", "web").addNewPort().withPort(80).withTargetPort(new IntOrString(8080)).endPort()
                .endSpec().build()).create();
        kubernetes.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(ns + "-admin").endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("cluster-admin").endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName("web").withNamespace(ns).endSubject().build()).create();

        String runId = ns + "-1";
        Path token = Files.createTempFile("token", ".jwt");
        Files.writeString(token, new UploadToken(runId, ns, "cluster-audit", "uid", Instant.now().plus(1, ChronoUnit.HOURS), true)
                .sign(Base64.getDecoder().decode(uploadKey)));
        int exit = withMockServer(() -> scanner.run("audit-kubernetes", "--cluster", "demo", "--upload", "--api-url", "http://127.0.0.1:" + port,
                "--run-id", runId, "--token-file", token.toString()));
        assertThat(exit).as(scanner.lastErr()).isZero();

        List<Map<String, Object>> items = awaitPaths(Keys.BOOTSTRAP, "scope=" + ns, 2).getList("items");
        JsonPath node = path(items, "Node//node-7");
        assertThat(node.getList("nodes.ref")).containsExactly("Internet", "Service/" + ns + "/web", "Pod/" + ns + "/web-0", "Node//node-7");
        assertThat(node.getList("steps[2].findings.control")).contains("cis-k8s-5.2.2:privileged");
        JsonPath admin = path(items, "ClusterRole//cluster-admin");
        assertThat(admin.getList("nodes.ref")).containsExactly("Internet", "Service/" + ns + "/web", "Pod/" + ns + "/web-0",
                "ServiceAccount/" + ns + "/web", "ClusterRole//cluster-admin");
        assertThat(admin.getInt("impact")).isEqualTo(100);
    }

    final io.nubicustos.findings.support.ScannerRuns scanner = new io.nubicustos.findings.support.ScannerRuns();

    /** The scanner builds its own client from system properties, as in a pod: point them at the mock API server. */
    int withMockServer(java.util.function.IntSupplier run) {
        Map<String, String> properties = Map.of("kubernetes.master", kubernetes.getMasterUrl().toString(), "kubernetes.trust.certificates", "true",
                "kubernetes.auth.tryKubeConfig", "false", "kubernetes.auth.tryServiceAccount", "false", "kubernetes.namespace", "default");
        Map<String, String> before = new java.util.HashMap<>();
        properties.forEach((k, v) -> before.put(k, System.setProperty(k, v)));
        try {
            return run.getAsInt();
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }
}
