package io.nubicustos.findings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nubicustos.findings.security.ApiKeys;
import io.nubicustos.findings.security.Role;
import io.nubicustos.findings.support.Keys;
import io.nubicustos.findings.support.RawHttp;
import io.nubicustos.testing.Neo4jTestResource;
import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The attacks on the API's edge of issue 16, replayed byte for byte with the default limits
 * (100/min, burst 20, 10 failed authentications/min); the loopback proxy is trusted, so each test
 * speaks from its own address through X-Forwarded-For.
 */
@QuarkusTest
@TestProfile(EdgeAbuseIT.Defaults.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class EdgeAbuseIT {

    public static class Defaults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nubicustos.api.rate-limit.requests-per-minute", "100", "nubicustos.api.rate-limit.burst", "20",
                    "nubicustos.api.rate-limit.auth-failures-per-minute", "10", "nubicustos.api.rate-limit.trusted-proxies", "127.0.0.1,::1");
        }
    }

    @Inject
    ApiKeys keys;

    private static String from(String address) {
        return "X-Forwarded-For: " + address;
    }

    private static void lockOut(String address) {
        for (int i = 0; i < 10; i++) {
            assertThat(RawHttp.status(RawHttp.get("/api/findings", from(address), "X-API-Key: guess-" + i + "-guess-guess-guess-guess")))
                    .isEqualTo(401);
        }
        assertThat(RawHttp.status(RawHttp.get("/api/findings", from(address), "X-API-Key: guess-x-guess-guess-guess-guess")))
                .isEqualTo(429);
    }

    @Test
    void pathsThatNormaliseToAnotherRouteAreRefusedBeforeAnythingElse() {
        String key = Keys.create(keys, Role.VIEWER, null);
        lockOut("203.0.113.40");
        for (String target : List.of("/api/health/../findings", "/api/health/%2e%2e/findings", "/api/health/%2E%2E/findings",
                "/api/health/.%2e/findings", "/api/health/..;/findings", "/api/./findings", "/api/health/%2e/../findings",
                "/api/findings%2fsummary", "/api/findings%2Fsummary", "/api/health%5c..%5cfindings", "/api/health/%252e%252e/findings",
                "/api/ingest/runs/r/../../findings")) {
            String answer = RawHttp.get(target, from("203.0.113.40"), "X-API-Key: " + key);
            assertThat(RawHttp.status(answer)).as(target).isEqualTo(400);
            assertThat(answer).as(target).contains("the request path is not allowed").doesNotContain("findings\"");
        }
    }

    @Test
    void wrongKeysOnAHealthPathCountLikeAnyOther() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(RawHttp.status(RawHttp.get("/api/health", from("203.0.113.41"), "X-API-Key: wrong-" + i + "-wrong-wrong-wrong-wrong")));
        }
        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.subList(10, 30)).containsOnly(429);
        long audited = given().header("X-API-Key", Keys.BOOTSTRAP).header("X-Forwarded-For", "198.51.100.41")
                .get("/api/audit?action=authentication_failed&limit=1000").then().statusCode(200).extract().jsonPath()
                .getList("items.client", String.class).stream().filter("203.0.113.41"::equals).count();
        assertThat(audited).isEqualTo(10);
        // Health without a key authenticates nothing and answers even for the locked-out address.
        assertThat(RawHttp.status(RawHttp.get("/api/health/detailed", from("203.0.113.41")))).isIn(200, 503);
        assertThat(RawHttp.get("/api/health/detailed", from("203.0.113.41"))).doesNotContain("X-RateLimit-Limit");
    }

    @Test
    void aKeyedRequestIsRateLimitedWhateverItsPath() {
        String key = Keys.create(keys, Role.VIEWER, null);
        String answer = RawHttp.get("/api/health/detailed", from("198.51.100.42"), "X-API-Key: " + key);
        assertThat(RawHttp.status(answer)).isIn(200, 503);
        assertThat(answer).contains("X-RateLimit-Limit: 100").contains("X-RateLimit-Remaining: ");
        assertThat(RawHttp.get("/api/%66indings?limit=1", from("198.51.100.42"), "X-API-Key: " + key)).contains("X-RateLimit-Limit: 100");
    }

    private static final Pattern URI = Pattern.compile("^http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"", Pattern.MULTILINE);

    private static Set<String> metricUris() {
        String metrics = io.nubicustos.findings.support.Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> uris = new TreeSet<>();
        Matcher m = URI.matcher(metrics);
        while (m.find()) {
            uris.add(m.group(1));
        }
        return uris;
    }

    @Test
    void oddPathsAddNoMetricSeries() {
        String key = Keys.create(keys, Role.VIEWER, null);
        given().header("X-API-Key", key).header("X-Forwarded-For", "198.51.100.43").get("/api/findings/12345").then().statusCode(404);
        for (int i = 0; i < 40; i++) {
            RawHttp.get("/api/odd-" + i + "/x", from("198.51.100." + (100 + i)));
            RawHttp.get("/api/findings/" + (777000 + i), from("198.51.100." + (100 + i)));
        }
        Set<String> uris = metricUris();
        assertThat(uris).as("uri tags").noneMatch(u -> u.contains("odd-") || u.contains("777"));
        assertThat(uris).contains("UNMATCHED", "/api/findings/{id}");
        assertThat(uris.size()).as("uri tags").isLessThan(30);
    }

    @Test
    void streamedBodiesAreHeldToTheirRoutesLimitAsTheyArrive() {
        String admin = "X-API-Key: " + Keys.BOOTSTRAP;
        int before = given().header("X-API-Key", Keys.BOOTSTRAP).header("X-Forwarded-For", "198.51.100.50").get("/api/keys").then()
                .statusCode(200).extract().jsonPath().getList("$").size();
        String keys = RawHttp.chunked("POST", "/api/keys", "{\"role\":\"viewer\",\"description\":\"", 20L * 1024 * 1024, admin,
                from("198.51.100.50"));
        assertThat(RawHttp.status(keys)).isEqualTo(413);
        String patch = RawHttp.chunked("PATCH", "/api/findings/1", "{\"status\":\"open\",\"reason\":\"", 5L * 1024 * 1024, admin,
                from("198.51.100.50"));
        assertThat(RawHttp.status(patch)).isEqualTo(413);
        assertThat(given().header("X-API-Key", Keys.BOOTSTRAP).header("X-Forwarded-For", "198.51.100.50").get("/api/keys").then()
                .statusCode(200).extract().jsonPath().getList("$").size()).isEqualTo(before);
        // A small streamed body is read as usual.
        String small = RawHttp.chunked("POST", "/api/keys", "{\"role\":\"viewer\",\"description\":\"chunked\"}", 40, admin,
                from("198.51.100.50"));
        assertThat(RawHttp.status(small)).isIn(201, 400);
        // Ingest chunks keep their own, larger limit: 2 MiB passes the body limit and meets the token check.
        String chunk = RawHttp.chunked("POST", "/api/ingest/runs/r-1/chunks/0", "{\"findings\":\"", 2L * 1024 * 1024,
                "Authorization: Bearer nope", from("198.51.100.51"));
        assertThat(RawHttp.status(chunk)).isEqualTo(401);
        String huge = RawHttp.chunked("POST", "/api/ingest/runs/r-1/chunks/0", "{\"findings\":\"", 40L * 1024 * 1024,
                "Authorization: Bearer nope", from("198.51.100.52"));
        assertThat(RawHttp.status(huge)).isEqualTo(413);
    }

    @Test
    void aForgedKeyNamingAVictimsIdChargesTheAddressNeverTheVictim() {
        String victim = Keys.create(keys, Role.VIEWER, null);
        String forged = victim.substring(0, 17) + "A".repeat(43);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            statuses.add(RawHttp.status(RawHttp.get("/api/findings", from("203.0.113.60"), "X-API-Key: " + forged)));
        }
        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.subList(10, 27)).containsOnly(429);
        String answer = RawHttp.get("/api/findings?limit=1", from("198.51.100.60"), "X-API-Key: " + victim);
        assertThat(RawHttp.status(answer)).isEqualTo(200);
        assertThat(answer).contains("X-RateLimit-Remaining: 19");
    }

    @Test
    void guessesFromASharedAddressNeverLockOutAValidKey() {
        // Behind a proxy that is not trusted, every user has the proxy's address.
        String proxy = "203.0.113.70";
        String victim = Keys.create(keys, Role.VIEWER, null);
        String bystander = Keys.create(keys, Role.VIEWER, null);
        for (int i = 0; i < 10; i++) {
            RawHttp.get("/api/findings", from(proxy), "X-API-Key: guess-" + i + "-guess-guess-guess-guess");
            RawHttp.get("/api/findings", from(proxy), "X-API-Key: " + victim.substring(0, 17) + ("B" + i).repeat(21) + "B");
        }
        assertThat(RawHttp.status(RawHttp.get("/api/findings", from(proxy), "X-API-Key: guess-x-guess-guess-guess-guess"))).isEqualTo(429);
        assertThat(RawHttp.status(RawHttp.get("/api/findings", from(proxy), "X-API-Key: " + victim.substring(0, 17) + "C".repeat(43))))
                .isEqualTo(429);
        assertThat(RawHttp.status(RawHttp.get("/api/findings?limit=1", from(proxy), "X-API-Key: " + victim))).isEqualTo(200);
        assertThat(RawHttp.status(RawHttp.get("/api/findings?limit=1", from(proxy), "X-API-Key: " + bystander))).isEqualTo(200);
        // Somebody else's key id has its own allowance.
        assertThat(RawHttp.status(RawHttp.get("/api/findings", from(proxy), "X-API-Key: " + bystander.substring(0, 17) + "D".repeat(43))))
                .isEqualTo(401);
    }

    @Test
    void ipv6AddressesShareTheirSlash64() {
        for (int i = 1; i <= 10; i++) {
            assertThat(RawHttp.status(RawHttp.get("/api/findings", from("2001:db8:1:2::" + Integer.toHexString(i)),
                    "X-API-Key: guess-" + i + "-guess-guess-guess-guess"))).isEqualTo(401);
        }
        assertThat(RawHttp.status(RawHttp.get("/api/findings", from("2001:db8:1:2:ffff:ffff:ffff:ff"), "X-API-Key: guess-y-guess-guess-guess")))
                .isEqualTo(429);
        assertThat(RawHttp.status(RawHttp.get("/api/findings", from("2001:db8:1:3::1"), "X-API-Key: guess-y-guess-guess-guess")))
                .isEqualTo(401);
    }

    private static double count(String metrics, String name, String reason) {
        Matcher m = Pattern.compile("^" + name + "\\{[^}]*reason=\"" + reason + "\"[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static String metrics() {
        return io.nubicustos.findings.support.Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void failedAuthenticationsAndRefusedUploadTokensAreCountedByReasonOnly() {
        String name = "nubicustos_api_authentication_failures_total";
        String victim = Keys.create(keys, Role.VIEWER, null);
        String revoked = Keys.create(keys, Role.VIEWER, null);
        given().header("X-API-Key", Keys.BOOTSTRAP).header("X-Forwarded-For", "198.51.100.80").delete("/api/keys/" + revoked.substring(4, 16))
                .then().statusCode(204);
        String before = metrics();
        Map<String, String> attempts = Map.of("missing", "", "malformed", "X-API-Key: short", "unknown", "X-API-Key: nbk_000000000000_" + "A".repeat(43),
                "wrong", "X-API-Key: " + victim.substring(0, 17) + "W".repeat(43), "revoked", "X-API-Key: " + revoked);
        attempts.forEach((reason, header) -> {
            String answer = header.isEmpty() ? RawHttp.get("/api/findings", from("198.51.100.81")) : RawHttp.get("/api/findings", from("198.51.100.81"), header);
            assertThat(RawHttp.status(answer)).as(reason).isEqualTo(401);
        });
        lockOut("198.51.100.82");
        String ingest = "/api/ingest/runs/run-x/complete";
        assertThat(RawHttp.status(RawHttp.exchange("POST " + ingest + " HTTP/1.1\r\nHost: localhost\r\n" + from("198.51.100.83")
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"))).isEqualTo(401);
        assertThat(RawHttp.status(RawHttp.exchange("POST " + ingest + " HTTP/1.1\r\nHost: localhost\r\n" + from("198.51.100.83")
                + "\r\nAuthorization: Bearer not-a-token\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")))
                .isEqualTo(401);
        String after = metrics();
        for (String reason : List.of("missing", "malformed", "unknown", "wrong", "revoked", "locked_out")) {
            assertThat(count(after, name, reason) - count(before, name, reason)).as(reason).isGreaterThanOrEqualTo(1);
        }
        assertThat(count(after, "nubicustos_ingest_token_refusals_total", "missing") - count(before, "nubicustos_ingest_token_refusals_total", "missing"))
                .isEqualTo(1);
        assertThat(count(after, "nubicustos_ingest_token_refusals_total", "invalid") - count(before, "nubicustos_ingest_token_refusals_total", "invalid"))
                .isEqualTo(1);
        // By reason only: no series names a key, an id or an address.
        assertThat(after.lines().filter(l -> l.startsWith(name) || l.startsWith("nubicustos_ingest_token_refusals_total")))
                .isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(victim.substring(4, 16)).doesNotContain("198.51.100")
                        .doesNotContain("not-a-token").matches("[a-z_]+\\{(application=\"[^\"]*\",)?reason=\"[a-z_]+\"} \\S+"));
    }

    @Test
    void nothingPipelinedBehindARequestFramedByTransferEncodingIsRead() {
        String key = "X-API-Key: " + Keys.BOOTSTRAP + "\r\n" + from("198.51.100.90") + "\r\n";
        // The smuggled request would create a key: whether it ran shows in the key listing, not only in the answers.
        String body = "{\"role\":\"admin\",\"description\":\"smuggled\"}";
        String smuggled = "POST /api/keys HTTP/1.1\r\nHost: localhost\r\n" + key + "Content-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body;
        String answer = RawHttp.exchange("GET /api/findings?limit=1 HTTP/1.1\r\nHost: localhost\r\n" + key
                + "Content-Length: " + (5 + smuggled.length()) + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled);
        assertThat(RawHttp.statuses(answer)).as(answer).hasSize(1);
        assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
        assertThat(given().header("X-API-Key", Keys.BOOTSTRAP).header("X-Forwarded-For", "198.51.100.91").get("/api/keys").then().statusCode(200)
                .extract().jsonPath().getList("description", String.class)).doesNotContain("smuggled");
        // Without Transfer-Encoding, pipelining works as ever.
        String plain = RawHttp.exchange("GET /api/findings?limit=1 HTTP/1.1\r\nHost: localhost\r\n" + key + "\r\n"
                + "GET /api/findings?limit=1 HTTP/1.1\r\nHost: localhost\r\n" + key + "Connection: close\r\n\r\n");
        assertThat(RawHttp.statuses(plain)).containsExactly(200, 200);
    }
}
