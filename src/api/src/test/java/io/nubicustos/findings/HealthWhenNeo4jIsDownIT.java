package io.nubicustos.findings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Unlike the seed's API, readiness is not 200 while a database is unreachable; and it leaks nothing. */
@QuarkusTest
@TestProfile(HealthWhenNeo4jIsDownIT.UnreachableNeo4j.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
class HealthWhenNeo4jIsDownIT {

    static final String PLANTED_PASSWORD = "planted-neo4j-password-7f3a9c";

    public static class UnreachableNeo4j implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 1 on loopback: nothing listens, the connection is refused at once.
            return Map.of("nubicustos.neo4j.uri", "bolt://127.0.0.1:1",
                    "nubicustos.neo4j.username", "neo4j",
                    "nubicustos.neo4j.password", PLANTED_PASSWORD,
                    "nubicustos.neo4j.connection-timeout", "1s",
                    // No tick during the test: its own sync must be the one that fails, not find the lock held by a tick.
                    "nubicustos.attack-paths.sync-interval", "1h");
        }
    }

    @Test
    void notReadyAndTheBodySaysWhichDependencyIsDown() {
        String body = io.nubicustos.findings.support.Management.given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'neo4j' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"))
                .extract().asString();
        assertThat(body).doesNotContain(PLANTED_PASSWORD).doesNotContain("127.0.0.1");
    }

    @Test
    void detailedHealthNamesTheDependencyThatIsDownAndNothingElse() {
        String body = given().when().get("/api/health/detailed")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("dependencies.postgresql.status", equalTo("UP"))
                .body("dependencies.neo4j.status", equalTo("DOWN"))
                .body("dependencies.neo4j.error", org.hamcrest.Matchers.oneOf("unavailable", "timeout"))
                .extract().asString();
        assertThat(body).doesNotContainPattern("[A-Z][A-Za-z]+(Exception|Error)").doesNotContain(PLANTED_PASSWORD).doesNotContain("127.0.0.1").doesNotContain("bolt://").doesNotContain("jdbc:");
    }

    @Test
    void stillLiveBecauseRestartingWouldNotBringNeo4jBack() {
        io.nubicustos.findings.support.Management.given().when().get("/q/health/live").then().statusCode(200);
    }

    @jakarta.inject.Inject
    io.nubicustos.findings.graph.GraphSync graphSync;

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource db;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "nubicustos.api.ingest.upload-key")
    String uploadKey;

    @Test
    void aRunCompletesWithoutNeo4jAndItsGraphWaitsInPostgresql() throws Exception {
        String runId = "graph-down-" + System.nanoTime();
        String auth = "Bearer " + new io.nubicustos.model.ingest.UploadToken(runId, "graph-down", "audit", "uid", java.time.Instant.now().plusSeconds(600))
                .sign(java.util.Base64.getDecoder().decode(uploadKey));
        var edge = io.nubicustos.model.graph.GraphEdge.of("Internet", io.nubicustos.model.graph.EdgeType.CAN_REACH, "Service/shop/web");
        given().header("Authorization", auth).contentType("application/json")
                .body(Map.of("tool", "kubernetes", "provider", "kubernetes", "findings", java.util.List.of(), "controls", java.util.List.of(),
                        "edges", java.util.List.of(edge)))
                .post("/api/ingest/runs/" + runId + "/chunks/0").then().statusCode(200);
        given().header("Authorization", auth).contentType("application/json").body(Map.of("outcome", "succeeded", "chunks", 1, "emptyResult", true))
                .post("/api/ingest/runs/" + runId + "/complete").then().statusCode(200).body("outcome", equalTo("succeeded"));

        // The completion started a sync in the background; while it holds the sync lock a direct call
        // returns at once, so call until one gets to Neo4j and fails.
        RuntimeException failure = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            try {
                graphSync.syncPending();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        }, java.util.Objects::nonNull);
        assertThat(String.valueOf(failure.getMessage())).doesNotContain(PLANTED_PASSWORD);
        try (var c = db.getConnection(); var s = c.prepareStatement(
                "select r.graph_synced_at is null, (select count(*) from run_graph g where g.scan_run_id = r.id) from scan_run r where r.run_id = ?")) {
            s.setString(1, runId);
            try (var r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getBoolean(1)).as("still pending").isTrue();
                assertThat(r.getInt(2)).as("its graph kept").isEqualTo(1);
            }
        }
    }
}
