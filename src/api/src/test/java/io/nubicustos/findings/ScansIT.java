package io.nubicustos.findings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nubicustos.model.finding.Severity;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.findings.ingest.RunRecorder;
import io.nubicustos.findings.ingest.RunStart;
import io.nubicustos.findings.security.ApiKeys;
import io.nubicustos.findings.security.Role;
import io.nubicustos.findings.support.Keys;
import io.nubicustos.findings.support.Plant;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.ingest.ControlResult;
import io.nubicustos.testing.Neo4jTestResource;
import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Runs, their diff, MTTR and compliance on a planted history; starting and cancelling ScanJobs through the Kubernetes API. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class ScansIT {

    @Inject
    RunRecorder recorder;

    @Inject
    ApiKeys keys;

    @Inject
    KubernetesClient kubernetes;

    static NormalizedFinding f(String ns, String name, Severity severity) {
        return Plant.finding("prowler", name, severity, "aws", "123456789012", "arn:aws:s3:::" + ns + "-" + name,
                Map.of("CIS-3.0", List.of(name.toUpperCase())));
    }

    @Test
    void diffAndMttrFollowThePlantedHistory() {
        String ns = "history-" + System.nanoTime();
        String viewer = Keys.create(keys, Role.VIEWER, ns);
        Instant day1 = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant day4 = day1.plus(3, ChronoUnit.DAYS);
        Instant day8 = day1.plus(7, ChronoUnit.DAYS);
        UUID run1 = Plant.run(recorder, ns, "nightly", ns + "-1", day1,
                List.of(f(ns, "a", Severity.CRITICAL), f(ns, "b", Severity.HIGH), f(ns, "c", Severity.LOW)));
        UUID run2 = Plant.run(recorder, ns, "nightly", ns + "-2", day4,
                List.of(f(ns, "b", Severity.HIGH), f(ns, "c", Severity.LOW), f(ns, "d", Severity.MEDIUM)));
        UUID run3 = Plant.run(recorder, ns, "nightly", ns + "-3", day8, List.of(f(ns, "c", Severity.LOW), f(ns, "d", Severity.MEDIUM)));

        JsonPath diff = given().header("X-API-Key", viewer).get("/api/scans/" + run1 + "/diff/" + run2).then().statusCode(200)
                .extract().jsonPath();
        assertThat(diff.getLong("added.count")).isEqualTo(1);
        assertThat(diff.getList("added.items.checkId", String.class)).containsExactly("d");
        assertThat(diff.getLong("fixed.count")).isEqualTo(1);
        assertThat(diff.getList("fixed.items.checkId", String.class)).containsExactly("a");
        assertThat(diff.getLong("unchanged")).isEqualTo(2);

        // a was fixed by run 2 (completed a minute after day 4), b by run 3.
        JsonPath findings = given().header("X-API-Key", viewer).get("/api/findings?limit=500").then().statusCode(200).extract().jsonPath();
        assertThat(findings.getList("items.findAll { it.status == 'resolved' }.checkId", String.class))
                .containsExactlyInAnyOrder("a", "b");
        JsonPath mttr = given().header("X-API-Key", viewer).get("/api/metrics/mttr").then().statusCode(200).extract().jsonPath();
        assertThat(mttr.getLong("critical.fixed")).isEqualTo(1);
        assertThat(mttr.getDouble("critical.meanHours")).isCloseTo(72 + 1 / 60.0, org.assertj.core.data.Offset.offset(0.02));
        assertThat(mttr.getDouble("high.meanHours")).isCloseTo(168 + 1 / 60.0, org.assertj.core.data.Offset.offset(0.02));
        assertThat(mttr.getLong("low.fixed")).isZero();
        assertThat(mttr.getLong("low.open")).isEqualTo(1);
        assertThat(mttr.getLong("medium.open")).isEqualTo(1);

        // A fixed finding that comes back is open again, with the same id.
        long idOfA = findings.getLong("items.find { it.checkId == 'a' }.id");
        Plant.run(recorder, ns, "nightly", ns + "-4", day8.plus(1, ChronoUnit.DAYS), List.of(f(ns, "a", Severity.CRITICAL)));
        given().header("X-API-Key", viewer).get("/api/findings/" + idOfA).then().statusCode(200).body("status", equalTo("open"))
                .body("fixedAt", org.hamcrest.Matchers.nullValue());

        JsonPath scans = given().header("X-API-Key", viewer).get("/api/scans?limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(scans.getList("items.runId", String.class)).containsExactly(ns + "-4", ns + "-3");
        JsonPath next = given().header("X-API-Key", viewer).get("/api/scans?limit=2&after=" + scans.getString("next")).then().statusCode(200)
                .extract().jsonPath();
        assertThat(next.getList("items.runId", String.class)).containsExactly(ns + "-2", ns + "-1");
        given().header("X-API-Key", viewer).get("/api/scans/" + run3).then().statusCode(200)
                .body("findings.total", equalTo(2)).body("findings.medium", equalTo(1)).body("outcome", equalTo("succeeded"));
    }

    @Test
    void aFailedRunResolvesNothing() {
        String ns = "failed-" + System.nanoTime();
        String viewer = Keys.create(keys, Role.VIEWER, ns);
        Plant.run(recorder, ns, "job", ns + "-1", Instant.now().minus(1, ChronoUnit.DAYS), List.of(f(ns, "x", Severity.HIGH)));
        UUID failed = recorder.start(new RunStart(ns + "-2", ns, "job", "uid", "prowler", "aws", Instant.now()));
        recorder.complete(failed, "failed", Instant.now());
        given().header("X-API-Key", viewer).get("/api/findings").then().statusCode(200).body("items[0].status", equalTo("open"));
    }

    @Test
    void complianceIsPassFailPerFramework() {
        String ns = "compliance-" + System.nanoTime();
        String viewer = Keys.create(keys, Role.VIEWER, ns);
        UUID run = recorder.start(new RunStart(ns + "-1", ns, "cis", "uid", "prowler", "aws", Instant.now()));
        recorder.record(run, ns, List.of(f(ns, "r1", Severity.HIGH), f(ns, "r2", Severity.LOW)), Instant.now());
        recorder.controls(run, List.of(new ControlResult("CIS-3.0", "R1", 3, 1), new ControlResult("CIS-3.0", "R3", 5, 0),
                new ControlResult("CIS-3.0", "R4", 2, 0)));
        recorder.complete(run, "succeeded", Instant.now());
        JsonPath compliance = given().header("X-API-Key", viewer).get("/api/compliance").then().statusCode(200).extract().jsonPath();
        assertThat(compliance.getString("[0].framework")).isEqualTo("CIS-3.0");
        assertThat(compliance.getInt("[0].requirements")).isEqualTo(4);
        assertThat(compliance.getInt("[0].passed")).isEqualTo(2);
        assertThat(compliance.getList("[0].failing", String.class)).containsExactly("R1", "R2");
        assertThat(compliance.getDouble("[0].score")).isEqualTo(50.0);
        given().header("X-API-Key", viewer).get("/api/compliance?framework=PCI-4.0").then().statusCode(200).body("size()", equalTo(0));
    }

    static Map<String, Object> scan(String namespace, String name, Map<String, Object> spec) {
        return Map.of("namespace", namespace, "name", name, "spec", spec);
    }

    static final String ALLOWED_PROWLER = "registry.example/prowler:5.13.1@sha256:" + "a".repeat(64);

    @Test
    void aScanBeyondTheAdminsPolicyIsRefusedAndNothingIsCreated() {
        String ns = "policy-" + System.nanoTime() % 100000;
        String operator = Keys.create(keys, Role.OPERATOR, ns);
        Map<String, Object> cloud = Map.of("tool", "prowler", "provider", "aws", "credentialRef", Map.of("name", "aws-audit"));
        List<Map<String, Object>> refused = List.of(
                with(cloud, "image", "attacker.example/exfil:latest"),
                with(cloud, "image", "attacker.example/exfil@sha256:" + "b".repeat(64)),
                with(cloud, "resources", Map.of("limits", Map.of("cpu", "64", "memory", "512Gi"))),
                with(cloud, "timeout", "999999h"),
                with(cloud, "backoffLimit", 10),
                with(cloud, "schedule", "* * * * *"));
        for (int i = 0; i < refused.size(); i++) {
            given().header("X-API-Key", operator).contentType(ContentType.JSON).body(scan(ns, "refused-" + i, refused.get(i)))
                    .post("/api/scans").then().statusCode(400)
                    .body("message", org.hamcrest.Matchers.not(containsString("attacker")))
                    .body("message", org.hamcrest.Matchers.not(containsString("999999")));
        }
        assertThat(kubernetes.resources(ScanJob.class).inNamespace(ns).list().getItems()).isEmpty();

        given().header("X-API-Key", operator).contentType(ContentType.JSON).body(scan(ns, "allowed", with(cloud, "image", ALLOWED_PROWLER)))
                .post("/api/scans").then().statusCode(201);
        assertThat(kubernetes.resources(ScanJob.class).inNamespace(ns).withName("allowed").get().getSpec().getImage()).isEqualTo(ALLOWED_PROWLER);
        // The audit says which image, arguments and credential (by name) the scan runs with.
        JsonPath audit = given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/audit?action=scan_started&target=scanjob/" + ns + "/allowed")
                .then().statusCode(200).extract().jsonPath();
        assertThat(audit.getMap("items[0].detail")).containsEntry("tool", "prowler").containsEntry("provider", "aws")
                .containsEntry("image", ALLOWED_PROWLER).containsEntry("credential", "aws-audit").containsEntry("args", List.of());
    }

    static Map<String, Object> with(Map<String, Object> spec, String field, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(spec);
        copy.put(field, value);
        return copy;
    }

    @Test
    void startingAScanCreatesAValidatedScanJobAndCancellingSuspendsIt() {
        String ns = "scans-" + System.nanoTime() % 100000;
        String operator = Keys.create(keys, Role.OPERATOR, ns);
        String viewer = Keys.create(keys, Role.VIEWER, ns);
        Map<String, Object> spec = Map.of("tool", "kubernetes", "provider", "kubernetes", "profile", "quick");

        given().header("X-API-Key", viewer).contentType(ContentType.JSON).body(scan(ns, "audit", spec)).post("/api/scans").then().statusCode(403);
        given().header("X-API-Key", operator).contentType(ContentType.JSON).body(scan("elsewhere", "audit", spec)).post("/api/scans")
                .then().statusCode(403);
        given().header("X-API-Key", operator).contentType(ContentType.JSON)
                .body(scan(ns, "audit", Map.of("tool", "kubernetes", "provider", "aws"))).post("/api/scans").then().statusCode(400)
                .body("message", containsString("kubernetes"));
        given().header("X-API-Key", operator).contentType(ContentType.JSON)
                .body(scan(ns, "audit", Map.of("tool", "prowler", "provider", "aws", "args", List.of("--output", "/etc/passwd"))))
                .post("/api/scans").then().statusCode(400);
        given().header("X-API-Key", operator).contentType(ContentType.JSON).body(scan(ns, "Bad_Name", spec)).post("/api/scans").then().statusCode(400);

        given().header("X-API-Key", operator).contentType(ContentType.JSON).body(scan(ns, "audit", spec)).post("/api/scans").then().statusCode(201)
                .body("namespace", equalTo(ns)).body("name", equalTo("audit"));
        ScanJob created = kubernetes.resources(ScanJob.class).inNamespace(ns).withName("audit").get();
        assertThat(created).isNotNull();
        assertThat(created.getSpec().getTool().toString().toLowerCase()).isEqualTo("kubernetes");
        given().header("X-API-Key", operator).contentType(ContentType.JSON).body(scan(ns, "audit", spec)).post("/api/scans").then().statusCode(409)
                .body("message", equalTo("a ScanJob of that name exists already in the namespace"));

        UUID run = recorder.start(new RunStart("audit-1-" + ns, ns, "audit", created.getMetadata().getUid(), "kubernetes", "kubernetes", Instant.now()));
        given().header("X-API-Key", viewer).delete("/api/scans/" + run).then().statusCode(403);
        given().header("X-API-Key", operator).delete("/api/scans/" + run).then().statusCode(202).body("suspended", equalTo(true));
        assertThat(kubernetes.resources(ScanJob.class).inNamespace(ns).withName("audit").get().getSpec().getSuspend()).isTrue();

        JsonPath audit = given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/audit?target=scanjob/" + ns + "/audit").then().statusCode(200)
                .extract().jsonPath();
        assertThat(audit.getList("items.action", String.class)).containsExactly("scan_cancelled", "scan_started");
    }
}
