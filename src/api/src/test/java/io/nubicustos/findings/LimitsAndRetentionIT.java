package io.nubicustos.findings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nubicustos.findings.ingest.RunRecorder;
import io.nubicustos.findings.retention.RetentionJob;
import io.nubicustos.findings.security.ApiKeys;
import io.nubicustos.findings.security.Role;
import io.nubicustos.findings.support.Keys;
import io.nubicustos.findings.support.Plant;
import io.nubicustos.testing.Neo4jTestResource;
import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.Response;

/** The default rate limits (100/min, burst 20, 10 failed authentications/min), trusted proxies, and retention switched on. */
@QuarkusTest
@TestProfile(LimitsAndRetentionIT.Defaults.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class LimitsAndRetentionIT {

    public static class Defaults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nubicustos.api.rate-limit.requests-per-minute", "100", "nubicustos.api.rate-limit.burst", "20",
                    "nubicustos.api.rate-limit.auth-failures-per-minute", "10", "nubicustos.api.rate-limit.trusted-proxies", "127.0.0.1,::1",
                    "nubicustos.api.retention.enabled", "true", "nubicustos.api.retention.max-age", "30d");
        }
    }

    @Inject
    ApiKeys keys;

    @Inject
    RunRecorder recorder;

    @Inject
    RetentionJob retention;

    @Test
    void aClientGets100AMinuteAndThenWaits() {
        String key = Keys.create(keys, Role.VIEWER, "burst");
        List<Response> answers = new ArrayList<>();
        long start = System.nanoTime();
        long startEpoch = Instant.now().getEpochSecond();
        for (int i = 0; i < 130; i++) {
            answers.add(given().header("X-API-Key", key).header("X-Forwarded-For", "198.51.100.1").get("/api/findings?limit=1"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long ok = answers.stream().filter(r -> r.statusCode() == 200).count();
        // At least the burst, at most the minute's 100 plus what refilled meanwhile; exact refills are RateLimiterTest's.
        assertThat(ok).isBetween(20L, 100L + (long) Math.ceil(seconds * 100 / 60) + 1);
        assertThat(ok).isLessThan(130);
        Response first = answers.get(0);
        assertThat(first.header("X-RateLimit-Limit")).isEqualTo("100");
        assertThat(Long.parseLong(first.header("X-RateLimit-Remaining"))).isEqualTo(19);
        assertThat(Long.parseLong(first.header("X-RateLimit-Reset"))).isBetween(startEpoch, startEpoch + 70);
        Response limited = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.jsonPath().getString("message")).isEqualTo("Too many requests");
        assertThat(limited.header("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        // Health stays answerable: probes without a key are never throttled.
        given().header("X-Forwarded-For", "198.51.100.1").get("/api/health/detailed").then().statusCode(org.hamcrest.Matchers.not(429));
    }

    @Test
    void tenFailedAuthenticationsBlockFurtherGuessesFromTheAddressButNeverAValidKey() {
        String good = Keys.create(keys, Role.VIEWER, "failures");
        for (int i = 0; i < 10; i++) {
            given().header("X-API-Key", "guess-" + i + "-guess-guess-guess-guess-guess").header("X-Forwarded-For", "203.0.113.7")
                    .get("/api/findings").then().statusCode(401);
        }
        Response blocked = given().header("X-API-Key", "guess-x-guess-guess-guess-guess-guess").header("X-Forwarded-For", "203.0.113.7")
                .get("/api/findings");
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(blocked.header("Retry-After"))).isBetween(1, 60);
        // Prepending addresses does not escape: only the right-most untrusted hop counts.
        given().header("X-API-Key", "guess-y-guess-guess-guess-guess-guess").header("X-Forwarded-For", "192.0.2.1, 203.0.113.7")
                .get("/api/findings").then().statusCode(429);
        given().header("X-API-Key", "guess-z-guess-guess-guess-guess-guess").header("X-Forwarded-For", "203.0.113.8")
                .get("/api/findings").then().statusCode(401);
        // Whoever shares the address with the guesser keeps working with a valid key.
        given().header("X-API-Key", good).header("X-Forwarded-For", "203.0.113.7").get("/api/findings").then().statusCode(200);
        assertThat(given().header("X-API-Key", Keys.BOOTSTRAP).header("X-Forwarded-For", "203.0.113.9")
                .get("/api/audit?action=authentication_failed&limit=1000").then().statusCode(200).extract().jsonPath()
                .getList("items.client", String.class)).contains("203.0.113.7");
    }

    @Test
    void retentionDeletesWhatNoRunHasSeenForLongerThanTheMaximumAge() {
        String ns = "retention-" + System.nanoTime();
        String viewer = Keys.create(keys, Role.VIEWER, ns);
        Plant.run(recorder, ns, "old", ns + "-old", Instant.now().minus(60, ChronoUnit.DAYS), Plant.spread(ns + "old", 7));
        Plant.run(recorder, ns, "new", ns + "-new", Instant.now().minus(1, ChronoUnit.DAYS), Plant.spread(ns + "new", 5));
        RetentionJob.Purged purged = retention.purge();
        assertThat(purged.findings()).isGreaterThanOrEqualTo(7);
        assertThat(purged.runs()).isGreaterThanOrEqualTo(1);
        List<String> left = given().header("X-API-Key", viewer).header("X-Forwarded-For", "198.51.100.77").get("/api/findings?limit=500")
                .then().statusCode(200).extract().jsonPath().getList("items.resource", String.class);
        assertThat(left).hasSize(5).allSatisfy(r -> assertThat(r).contains(ns + "new"));
        assertThat(given().header("X-API-Key", viewer).header("X-Forwarded-For", "198.51.100.77").get("/api/scans").then().statusCode(200)
                .extract().jsonPath().getList("items.runId", String.class)).containsExactly(ns + "-new");
    }
}
