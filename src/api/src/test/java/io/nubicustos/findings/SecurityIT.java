package io.nubicustos.findings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nubicustos.findings.ingest.RunRecorder;
import io.nubicustos.findings.security.ApiKeys;
import io.nubicustos.findings.security.Role;
import io.nubicustos.findings.support.Keys;
import io.nubicustos.findings.support.Plant;
import io.nubicustos.testing.Neo4jTestResource;
import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Authentication on every route, the shape of every refusal, headers, CORS and hostile input. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class SecurityIT {

    /** The only routes answered without a key. Adding one must be a decision, so this list is exact. */
    static final Set<String> PUBLIC = Set.of("GET /api/health/detailed");

    @Inject
    ApiKeys keys;

    @Inject
    RunRecorder recorder;

    record Route(String method, String template) {
        String path() {
            return template.replace("{id}", "1").replace("{runId}", "run-1").replace("{n}", "0").replace("{a}", "00000000-0000-0000-0000-000000000001")
                    .replace("{b}", "00000000-0000-0000-0000-000000000002").replace("{scope}", "scans");
        }
    }

    List<Route> documentedRoutes() {
        Map<String, Map<String, Object>> paths = given().get("/api/openapi.json").then().statusCode(200).extract().jsonPath().getMap("paths");
        List<Route> routes = new ArrayList<>();
        Set<String> verbs = Set.of("get", "put", "post", "delete", "patch", "head", "options");
        paths.forEach((path, item) -> item.keySet().stream().filter(verbs::contains).forEach(m -> routes.add(new Route(m.toUpperCase(), path))));
        return routes;
    }

    @Test
    void everyDocumentedRouteRefusesAMissingAWrongAndARevokedKey() {
        String revoked = Keys.create(keys, Role.ADMIN, null);
        String revokedId = revoked.substring(4, 16);
        given().header("X-API-Key", Keys.BOOTSTRAP).delete("/api/keys/" + revokedId).then().statusCode(204);

        List<Route> routes = documentedRoutes();
        Set<String> open = new TreeSet<>();
        int checked = 0;
        for (Route route : routes) {
            String name = route.method() + " " + route.template();
            if (PUBLIC.contains(name)) {
                open.add(name);
                continue;
            }
            for (String key : new String[] { null, "wrong-key-wrong-key-wrong-key-wrong-key", "nbk_000000000000_" + "A".repeat(43), revoked }) {
                var request = given().contentType(ContentType.JSON).body("{}");
                if (key != null) {
                    request.header("X-API-Key", key);
                }
                Response response = request.request(Method.valueOf(route.method()), route.path());
                assertThat(response.statusCode()).as(name + " with key " + (key == null ? "(none)" : key.substring(0, 6))).isEqualTo(401);
                // Scan pods' ingest routes take a run's upload token (and refuse a bad API key like any route); the others an API key.
                boolean ingest = route.template().startsWith("/api/ingest/");
                assertThat(response.header("WWW-Authenticate")).startsWith(ingest && key == null ? "Bearer" : "ApiKey");
            }
            checked++;
        }
        assertThat(open).as("public routes in the OpenAPI document").isEqualTo(new TreeSet<>(PUBLIC));
        // Findings, summary, one finding, scans, one scan, diff, MTTR, exports, compliance, keys, audit, at least.
        assertThat(checked).isGreaterThanOrEqualTo(14);
    }

    @Test
    void anUndocumentedPathNeedsAKeyToo() {
        given().get("/api/nothing-here").then().statusCode(401);
        given().get("/").then().statusCode(401);
        given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/nothing-here").then().statusCode(404)
                .body("message", equalTo("not found"));
    }

    @Test
    void rolesAreEnforced() {
        String viewer = Keys.create(keys, Role.VIEWER, null);
        String operator = Keys.create(keys, Role.OPERATOR, null);
        given().header("X-API-Key", viewer).get("/api/findings").then().statusCode(200);
        given().header("X-API-Key", viewer).get("/api/keys").then().statusCode(403);
        given().header("X-API-Key", operator).get("/api/keys").then().statusCode(403);
        given().header("X-API-Key", operator).get("/api/audit").then().statusCode(403);
        given().header("X-API-Key", viewer).contentType(ContentType.JSON).body(Map.of("role", "admin")).post("/api/keys").then().statusCode(403);
        given().header("X-API-Key", viewer).delete("/api/scans/00000000-0000-0000-0000-000000000001").then().statusCode(403);
    }

    @Test
    void keysAreShownOnceNeverListedAndWorkUntilRevoked() {
        JsonPath created = given().header("X-API-Key", Keys.BOOTSTRAP).contentType(ContentType.JSON)
                .body(Map.of("role", "viewer", "namespace", "team-k", "description", "ci")).post("/api/keys")
                .then().statusCode(201).extract().jsonPath();
        String key = created.getString("key");
        String id = created.getString("id");
        assertThat(key).startsWith("nbk_" + id + "_").hasSize(60);
        String listing = given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/keys").then().statusCode(200).extract().asString();
        assertThat(listing).contains(id).doesNotContain(key).doesNotContain(key.substring(17)).doesNotContain("hash");
        given().header("X-API-Key", key).get("/api/findings").then().statusCode(200);
        given().header("X-API-Key", Keys.BOOTSTRAP).delete("/api/keys/" + id).then().statusCode(204);
        given().header("X-API-Key", key).get("/api/findings").then().statusCode(401);
        given().header("X-API-Key", Keys.BOOTSTRAP).contentType(ContentType.JSON).body(Map.of("role", "root")).post("/api/keys")
                .then().statusCode(400);
    }

    @Test
    void aNamespacedKeyNeverSeesAnotherNamespace() {
        String a = "tenant-a-" + System.nanoTime();
        String b = "tenant-b-" + System.nanoTime();
        java.util.UUID runA = Plant.run(recorder, a, "scan", a + "-1", Instant.now(), Plant.spread(a, 10));
        java.util.UUID runB1 = Plant.run(recorder, b, "scan", b + "-1", Instant.now(), Plant.spread(b, 12));
        java.util.UUID runB2 = Plant.run(recorder, b, "scan", b + "-2", Instant.now(), Plant.spread(b, 11));
        String viewerA = Keys.create(keys, Role.VIEWER, a);
        String adminA = Keys.create(keys, Role.ADMIN, a);
        long findingOfB = given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/findings?scope=" + b + "&limit=1").then().statusCode(200)
                .extract().jsonPath().getLong("items[0].id");

        JsonPath list = given().header("X-API-Key", viewerA).get("/api/findings?limit=500").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("items.scope", String.class)).hasSize(10).containsOnly(a);
        // Asking for B by name gives nothing, not an error that would confirm B exists.
        given().header("X-API-Key", viewerA).get("/api/findings?scope=" + b).then().statusCode(200).body("items.size()", equalTo(0));
        given().header("X-API-Key", viewerA).get("/api/findings/summary").then().statusCode(200).body("total", equalTo(10));
        given().header("X-API-Key", viewerA).get("/api/findings/summary?scope=" + b).then().statusCode(200).body("total", equalTo(0));
        given().header("X-API-Key", viewerA).get("/api/findings/" + findingOfB).then().statusCode(404).body("message", equalTo("not found"));
        given().header("X-API-Key", viewerA).get("/api/findings/999999999").then().statusCode(404).body("message", equalTo("not found"));
        for (String format : new String[] { "json", "ndjson", "csv", "sarif", "ocsf" }) {
            String export = given().header("X-API-Key", viewerA).get("/api/exports/findings?format=" + format).then().statusCode(200)
                    .extract().asString();
            assertThat(export).as(format).contains(a + "-bucket-").doesNotContain(b);
        }
        given().header("X-API-Key", viewerA).get("/api/scans/" + runB1 + "/diff/" + runB2).then().statusCode(404);
        given().header("X-API-Key", viewerA).get("/api/scans/" + runA + "/diff/" + runB2).then().statusCode(404);
        given().header("X-API-Key", viewerA).get("/api/scans/" + runB1).then().statusCode(404);
        assertThat(given().header("X-API-Key", viewerA).get("/api/scans?limit=500").then().statusCode(200).extract().jsonPath()
                .getList("items.namespace", String.class)).containsOnly(a);
        String compliance = given().header("X-API-Key", viewerA).get("/api/compliance").then().statusCode(200).extract().asString();
        assertThat(compliance).doesNotContain(b);
        given().header("X-API-Key", adminA).get("/api/audit").then().statusCode(403);
        given().header("X-API-Key", adminA).contentType(ContentType.JSON).body(Map.of("role", "admin", "namespace", b))
                .post("/api/keys").then().statusCode(400);
        given().header("X-API-Key", viewerA).get("/api/metrics/mttr").then().statusCode(200);
    }

    @Test
    void securityHeadersOnEveryAnswerAndNoServerHeader() {
        for (Response r : List.of(given().get("/api/health/detailed"), given().get("/api/findings"),
                given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/findings"),
                given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/findings/0"),
                given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/findings?limit=abc"))) {
            assertThat(r.header("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains; preload");
            assertThat(r.header("X-Frame-Options")).isEqualTo("SAMEORIGIN");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
            assertThat(r.header("Permissions-Policy")).isEqualTo("geolocation=(), microphone=(), camera=()");
            assertThat(r.header("Server")).isNull();
            assertThat(r.header("X-Request-Id")).isNotBlank();
        }
    }

    @Test
    void corsOnlyForConfiguredOrigins() {
        given().header("Origin", "https://console.example.com").header("Access-Control-Request-Method", "GET")
                .options("/api/findings").then().header("Access-Control-Allow-Origin", equalTo("https://console.example.com"));
        given().header("Origin", "https://evil.example.net").header("Access-Control-Request-Method", "GET")
                .options("/api/findings").then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example.net").header("X-API-Key", Keys.BOOTSTRAP).get("/api/findings")
                .then().header("Access-Control-Allow-Origin", not(equalTo("https://evil.example.net")));
    }

    @Test
    void badInputIsA400WithAShortMessageAndNeverA500() {
        String key = Keys.BOOTSTRAP;
        String[] queries = { "severity=critical' OR '1'='1", "status=open;drop table finding", "sort=severity;select 1", "sort=title",
            "limit=0", "limit=-5", "limit=100000", "limit=1e3", "cursor=%27%20or%201=1", "cursor=djE6LXNldmVyaXR5OjQ6eA",
            "cursor=" + "A".repeat(300), "q=" + "x".repeat(201), "resource=%00", "account=%0d%0aSet-Cookie:x" };
        for (String q : queries) {
            String name = q.substring(0, q.indexOf('='));
            String value = q.substring(q.indexOf('=') + 1);
            String encoded = value.contains("%") ? value : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
            Response r = given().header("X-API-Key", key).urlEncodingEnabled(false).get("/api/findings?" + name + "=" + encoded);
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            assertThat(r.jsonPath().getString("message")).as(q).isNotBlank().hasSizeLessThan(200).doesNotContain("SQL").doesNotContain("Exception");
            assertThat(r.jsonPath().getString("requestId")).isNotBlank();
        }
        // A tampered cursor whose numbers parse but overflow a timestamp: 400, not 500.
        String tampered = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("v1:-last_seen:-9223372036854775808:1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        given().header("X-API-Key", key).get("/api/findings?sort=-last_seen&cursor=" + tampered).then().statusCode(400)
                .body("message", equalTo("cursor is not valid"));
        // Injection-shaped values that are well-formed filters simply match nothing.
        for (String q : new String[] { "q=' OR 1=1 --", "resource=x'; drop table finding; --", "check=\" or \"\"=\"", "framework=') or ('a'='a",
            "provider=aws' --", "tool=trivy}{" }) {
            given().header("X-API-Key", key).queryParam(q.substring(0, q.indexOf('=')), q.substring(q.indexOf('=') + 1))
                    .get("/api/findings").then().statusCode(200).body("items.size()", equalTo(0));
        }
        for (String id : new String[] { "1%20or%201=1", "-1", "abc", "1;drop", "99999999999999999999999" }) {
            given().header("X-API-Key", key).urlEncodingEnabled(false).get("/api/findings/" + id).then().statusCode(404);
        }
        given().header("X-API-Key", key).get("/api/scans/not-a-uuid").then().statusCode(404);
        given().header("X-API-Key", key).get("/api/scans?after=zzz").then().statusCode(400);
        given().header("X-API-Key", key).get("/api/exports/findings?format=xlsx").then().statusCode(400);
        given().header("X-API-Key", key).contentType(ContentType.JSON).body("{\"status\": ").patch("/api/findings/1").then().statusCode(400)
                .body("message", equalTo("the request body is not valid JSON for this endpoint"));
        given().header("X-API-Key", key).contentType(ContentType.JSON).body("{\"status\": \"open\", \"reason\": \"" + "r".repeat(2 * 1024 * 1024) + "\"}")
                .patch("/api/findings/1").then().statusCode(413);
        // The table is still there.
        given().header("X-API-Key", key).get("/api/findings?limit=1").then().statusCode(200);
    }
}
