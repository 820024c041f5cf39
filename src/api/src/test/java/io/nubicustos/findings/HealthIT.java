package io.nubicustos.findings;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.nubicustos.findings.support.Keys;
import io.nubicustos.findings.support.Management;
import io.nubicustos.testing.Neo4jTestResource;
import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The API against a real PostgreSQL and a real Neo4j: ready, and says which dependencies it
 * checked; probes and metrics on the management port, not the API's.
 */
@QuarkusTest
@io.quarkus.test.kubernetes.client.WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class HealthIT {

    @Test
    void readyWhenPostgresAndNeo4jAnswer() {
        // Ready once both answer within their timeouts; a cold in-process Neo4j may take a first few seconds.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> Management.given().get("/q/health/ready").statusCode() == 200);
        Management.given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("neo4j", "Database connections health check"))
                .body("checks.find { it.name == 'neo4j' }.status", equalTo("UP"));
    }

    @Test
    void detailedHealthGivesEachDependencysLatencyAndVersionWithoutAKey() {
        // The first query to a cold in-process Neo4j may outlast the 3 s dependency timeout on a busy machine.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> given().get("/api/health/detailed").statusCode() == 200);
        String body = given().when().get("/api/health/detailed").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("dependencies.postgresql.status", equalTo("UP"))
                .body("dependencies.postgresql.version", org.hamcrest.Matchers.startsWith("17."))
                .body("dependencies.neo4j.status", equalTo("UP"))
                .body("dependencies.neo4j.version", org.hamcrest.Matchers.startsWith("5."))
                .body("dependencies.neo4j.latencyMs", org.hamcrest.Matchers.greaterThanOrEqualTo(0))
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(body).doesNotContain("jdbc:").doesNotContain("bolt://").doesNotContain("password");
    }

    @Test
    void livenessDependsOnNothing() {
        Management.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void probesAndMetricsAnswerOnTheManagementPortOnly() {
        assertThat(Management.port()).isPositive().isNotEqualTo(RestAssured.port);
        Management.given().get("/q/metrics").then().statusCode(200);
        Management.given().get("/q/health/started").then().statusCode(200);
        for (String path : new String[] { "/q/metrics", "/q/health", "/q/health/ready", "/api/health", "/api/health/live" }) {
            given().get(path).then().statusCode(401);
            given().header("X-API-Key", Keys.BOOTSTRAP).get(path).then().statusCode(404);
        }
    }

    @Test
    void theOpenApiDocumentIsServedUnderApi() {
        given().when().get("/api/openapi.json").then().statusCode(200).body("openapi", org.hamcrest.Matchers.startsWith("3."));
    }
}
