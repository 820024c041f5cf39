package io.nubicustos.findings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.findings.ingest.RunRecorder;
import io.nubicustos.findings.security.ApiKeys;
import io.nubicustos.findings.security.Role;
import io.nubicustos.findings.support.CapturedLog;
import io.nubicustos.findings.support.Keys;
import io.nubicustos.findings.support.Plant;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.testing.Neo4jTestResource;
import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;

/** Captures every log record while requests carry planted secrets, and finds none of them in the log. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class LogLeakIT {

    CapturedLog log;

    @Inject
    ApiKeys keys;

    @Inject
    RunRecorder recorder;

    @BeforeEach
    void listen() {
        log = CapturedLog.start();
    }

    @AfterEach
    void stop() {
        log.close();
    }

    @Test
    void noKeyBodyOrFindingDetailReachesTheLog() {
        String ns = "leak-" + System.nanoTime();
        String key = Keys.create(keys, Role.OPERATOR, ns);
        String wrongKey = "nbk_0123456789ab_PLANTEDwrongKEYplantedWRONGkeyPLANTEDwrongKEYpl";
        String title = "PLANTED-FINDING-TITLE-7d1f";
        String resource = "arn:aws:s3:::planted-bucket-resource-91c2";
        NormalizedFinding secret = NormalizedFinding.of("prowler", "planted_check", Severity.CRITICAL, title, "PLANTED-DESCRIPTION-55aa",
                "PLANTED-REMEDIATION", "aws", "123456789012", "eu-west-1", null, "AwsS3Bucket", resource, Map.of());
        Plant.run(recorder, ns, "leak", ns + "-1", Instant.now(), List.of(secret));
        long id = given().header("X-API-Key", key).get("/api/findings").then().statusCode(200).extract().jsonPath().getLong("items[0].id");

        given().header("X-API-Key", key).header("Authorization", "Bearer PLANTED-BEARER-TOKEN-e3b0").get("/api/findings/" + id)
                .then().statusCode(200);
        given().header("X-API-Key", key).queryParam("q", "PLANTED-QUERY-TEXT-4242").queryParam("resource", resource).get("/api/findings")
                .then().statusCode(200);
        given().header("X-API-Key", key).get("/api/findings/PLANTED-PATH-SEGMENT-1337").then().statusCode(404);
        given().header("X-API-Key", key).get("/api/PLANTED-UNKNOWN-ROUTE-8080").then().statusCode(404);
        given().header("X-API-Key", wrongKey).get("/api/findings").then().statusCode(401);
        given().header("X-API-Key", "PLANTED-FREEFORM-KEY-0000000000000000000000").get("/api/findings").then().statusCode(401);
        given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body(Map.of("status", "acknowledged", "reason", "PLANTED-BODY-REASON-aws_secret_access_key=wJalrXUtnFEMI"))
                .patch("/api/findings/" + id).then().statusCode(200);
        given().header("X-API-Key", key).contentType(ContentType.JSON).body("{\"status\": \"PLANTED-BAD-BODY-6666\"").patch("/api/findings/" + id)
                .then().statusCode(400);
        given().header("X-API-Key", key).get("/api/exports/findings?format=csv").then().statusCode(200);

        List<String> captured = log.lines();
        String log = this.log.text();
        // The log is not empty: one access line per request, with the route template and the key's id only.
        assertThat(captured.stream().filter(l -> l.startsWith("io.nubicustos.findings.access")).count()).isGreaterThanOrEqualTo(10);
        assertThat(log).contains("/api/findings/{id}").contains("key:" + key.substring(4, 12)).contains("(unmatched)");
        for (String planted : List.of(key, key.substring(17), wrongKey, "PLANTEDwrongKEY", "PLANTED-FREEFORM-KEY", "PLANTED-BEARER-TOKEN",
                "PLANTED-QUERY-TEXT", resource, "PLANTED-PATH-SEGMENT", "PLANTED-UNKNOWN-ROUTE", "PLANTED-BODY-REASON", "wJalrXUtnFEMI",
                "PLANTED-BAD-BODY", title, "PLANTED-DESCRIPTION", "PLANTED-REMEDIATION")) {
            assertThat(log).as("log must not contain " + planted.substring(0, Math.min(12, planted.length()))).doesNotContain(planted);
        }
    }
}
