package io.nubicustos.findings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.nubicustos.model.finding.Severity;
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
import io.restassured.path.json.JsonPath;

/** The findings endpoints on a real PostgreSQL: filters, keyset pages, status changes, summary. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class FindingsIT {

    @Inject
    RunRecorder recorder;

    @Inject
    ApiKeys keys;

    String ns;
    String viewer;
    String operator;

    @BeforeEach
    void plant() {
        ns = "findings-" + System.nanoTime();
        viewer = Keys.create(keys, Role.VIEWER, ns);
        operator = Keys.create(keys, Role.OPERATOR, ns);
        Plant.run(recorder, ns, "daily", ns + "-1", Instant.now().minus(1, ChronoUnit.HOURS), Plant.spread(ns, 120));
    }

    JsonPath list(String key, String query) {
        return given().header("X-API-Key", key).when().get("/api/findings?" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void filtersCombineAndOnlyMatchingFindingsComeBack() {
        JsonPath critical = list(viewer, "severity=critical&limit=500");
        assertThat(critical.getList("items.severity", String.class)).hasSize(24).containsOnly("critical");

        JsonPath three = list(viewer, "severity=critical,high&provider=aws&tool=prowler&limit=500");
        assertThat(three.getList("items")).isNotEmpty();
        assertThat(three.getList("items.provider", String.class)).containsOnly("aws");
        assertThat(three.getList("items.severity", String.class)).containsOnly("critical", "high");
        assertThat(three.getList("items.tools.flatten()", String.class)).containsOnly("prowler");

        JsonPath byResource = list(viewer, "resource=arn:aws:s3:::" + ns + "-bucket-7");
        assertThat(byResource.getList("items.resource", String.class)).containsExactly("arn:aws:s3:::" + ns + "-bucket-7");

        JsonPath byCheck = list(viewer, "check=" + ns + "_check_3&limit=500");
        assertThat(byCheck.getList("items.checkId", String.class)).hasSizeGreaterThan(10).containsOnly(ns + "_check_3");

        // An unmapped check's canonical control is "tool:check": the control filter tells the tools apart.
        JsonPath byControl = list(viewer, "control=prowler:" + ns.toLowerCase() + "_check_3&limit=500");
        assertThat(byControl.getList("items.id", Long.class)).isNotEmpty().isSubsetOf(byCheck.getList("items.id", Long.class))
                .hasSizeLessThan(byCheck.getList("items").size());
        assertThat(byControl.getList("items.tools.flatten()", String.class)).containsOnly("prowler");

        JsonPath byFramework = list(viewer, "framework=CIS-3.0&limit=500");
        assertThat(byFramework.getList("items")).hasSize(120);
        assertThat(list(viewer, "framework=PCI-4.0").getList("items")).isEmpty();

        JsonPath byText = list(viewer, "q=Title&limit=1");
        assertThat(byText.getList("items")).hasSize(1);
        assertThat(byText.getString("nextCursor")).isNotNull();
        assertThat(list(viewer, "q=nonexistentword").getList("items")).isEmpty();
    }

    @Test
    void defaultOrderIsMostSevereFirstAndCursorsWalkEveryFindingOnce() {
        List<Long> ids = new ArrayList<>();
        List<String> severities = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = list(viewer, "limit=25" + (cursor == null ? "" : "&cursor=" + cursor));
            ids.addAll(page.getList("items.id", Long.class));
            severities.addAll(page.getList("items.severity", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(ids).hasSize(120).doesNotHaveDuplicates();
        assertThat(severities.get(0)).isEqualTo("critical");
        assertThat(severities.get(119)).isEqualTo("info");
        List<Integer> ranks = severities.stream().map(s -> Severity.valueOf(s.toUpperCase()).ordinal()).toList();
        assertThat(ranks).isSorted();
    }

    @Test
    void pagesStayStableWhileFindingsArrive() throws Exception {
        Set<Long> before = new HashSet<>(list(viewer, "limit=500").getList("items.id", Long.class));
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            int runs = 0;
            while (!stop.get() && runs < 40) {
                runs++;
                Plant.run(recorder, ns, "burst", ns + "-burst-" + runs, Instant.now(), Plant.spread(ns + "x" + runs, 10));
            }
            return runs;
        });
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        try {
            do {
                JsonPath page = list(viewer, "sort=-last_seen&limit=10" + (cursor == null ? "" : "&cursor=" + cursor));
                seen.addAll(page.getList("items.id", Long.class));
                cursor = page.getString("nextCursor");
            } while (cursor != null);
        } finally {
            stop.set(true);
        }
        assertThat(writer.get()).isPositive();
        // Keyset pages never repeat a row and never skip one that existed when the walk began.
        assertThat(seen).doesNotHaveDuplicates().containsAll(before);
    }

    @Test
    void oneFindingByIdAndItsStatusChangeIsAudited() {
        long id = list(viewer, "severity=high&limit=1").getLong("items[0].id");
        given().header("X-API-Key", viewer).get("/api/findings/" + id).then().statusCode(200)
                .body("status", equalTo("open")).body("scope", equalTo(ns)).body("compliance.'CIS-3.0'.size()", equalTo(1));

        given().header("X-API-Key", viewer).contentType(ContentType.JSON).body(Map.of("status", "acknowledged"))
                .patch("/api/findings/" + id).then().statusCode(403);
        given().header("X-API-Key", operator).contentType(ContentType.JSON)
                .body(Map.of("status", "risk_accepted", "owner", "platform-team", "reason", "compensating control",
                        "expiresAt", Instant.now().plus(30, ChronoUnit.DAYS).toString()))
                .patch("/api/findings/" + id).then().statusCode(200)
                .body("status", equalTo("risk_accepted")).body("statusOwner", equalTo("platform-team"));

        given().header("X-API-Key", operator).contentType(ContentType.JSON).body(Map.of("status", "risk_accepted"))
                .patch("/api/findings/" + id).then().statusCode(400).body("message", equalTo("risk_accepted requires owner and expiresAt"));
        given().header("X-API-Key", operator).contentType(ContentType.JSON).body(Map.of("status", "closed"))
                .patch("/api/findings/" + id).then().statusCode(400);

        JsonPath audit = given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/audit?action=finding_status_changed&target=finding/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("items.detail.to", String.class)).containsExactly("risk_accepted");
        assertThat(audit.getString("items[0].actor")).isNotBlank().doesNotContain(operator);
    }

    @Test
    void summaryCountsBySeverityStatusToolAndProvider() {
        long id = list(viewer, "severity=critical&limit=1").getLong("items[0].id");
        given().header("X-API-Key", operator).contentType(ContentType.JSON).body(Map.of("status", "false_positive"))
                .patch("/api/findings/" + id).then().statusCode(200);

        JsonPath summary = given().header("X-API-Key", viewer).get("/api/findings/summary").then().statusCode(200).extract().jsonPath();
        assertThat(summary.getLong("total")).isEqualTo(120);
        assertThat(summary.getLong("bySeverityAndStatus.critical.open")).isEqualTo(23);
        assertThat(summary.getLong("bySeverityAndStatus.critical.false_positive")).isEqualTo(1);
        assertThat(summary.getLong("byTool.trivy")).isEqualTo(40);
        assertThat(summary.getLong("byTool.prowler")).isEqualTo(80);
        assertThat(summary.getLong("byProvider.aws")).isEqualTo(60);

        // A filter the tally cannot answer is counted from the findings, with the same result shape.
        JsonPath filtered = given().header("X-API-Key", viewer).get("/api/findings/summary?check=" + ns + "_check_0")
                .then().statusCode(200).extract().jsonPath();
        assertThat(filtered.getLong("total")).isEqualTo(list(viewer, "check=" + ns + "_check_0&limit=500").getList("items").size());
    }

    @Inject
    io.agroal.api.AgroalDataSource db;

    @Test
    void theTallyAgreesWithCountingAfterInsertsUpdatesAndDeletes() throws Exception {
        // An update that moves findings between tally rows, and a delete.
        List<Long> high = list(viewer, "severity=high&limit=3").getList("items.id", Long.class);
        given().header("X-API-Key", operator).contentType(ContentType.JSON).body(Map.of("status", "acknowledged"))
                .patch("/api/findings/" + high.get(0)).then().statusCode(200);
        try (var c = db.getConnection(); var s = c.prepareStatement("delete from finding where id = ?")) {
            s.setLong(1, high.get(1));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        String tallied = given().header("X-API-Key", viewer).get("/api/findings/summary?severity=high").then().statusCode(200)
                .extract().jsonPath().prettify();
        // "q" forces the live count; every planted title contains the word "Title".
        String counted = given().header("X-API-Key", viewer).get("/api/findings/summary?severity=high&q=Title").then().statusCode(200)
                .extract().jsonPath().prettify();
        assertThat(tallied).isEqualTo(counted).contains("acknowledged");
        assertThat(given().header("X-API-Key", viewer).get("/api/findings/summary?severity=high").then().extract().jsonPath().getLong("total"))
                .isEqualTo(23);
    }
}
