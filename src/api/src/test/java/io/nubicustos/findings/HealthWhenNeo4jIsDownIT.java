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
                    "nubicustos.neo4j.connection-timeout", "1s");
        }
    }

    @Test
    void notReadyAndTheBodySaysWhichDependencyIsDown() {
        String body = given().when().get("/api/health/ready")
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
                .extract().asString();
        assertThat(body).doesNotContain(PLANTED_PASSWORD).doesNotContain("127.0.0.1").doesNotContain("bolt://").doesNotContain("jdbc:");
    }

    @Test
    void stillLiveBecauseRestartingWouldNotBringNeo4jBack() {
        given().when().get("/api/health/live").then().statusCode(200);
    }
}
