package io.nubicustos.findings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nubicustos.api.v1alpha1.scanjob.RunSummary;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobStatus;
import io.nubicustos.findings.ingest.RunRecorder;
import io.nubicustos.findings.security.ApiKeys;
import io.nubicustos.findings.security.Role;
import io.nubicustos.findings.support.Keys;
import io.nubicustos.findings.support.Plant;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.ingest.UploadToken;
import io.nubicustos.testing.Neo4jTestResource;
import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Cancelling a run, by the API or by suspending its ScanJob: the run ends cancelled, its later
 * chunks and its completion are refused, and it resolves nothing; runs are listed from the
 * moment the operator starts them, and a run the operator ends without an upload ends here.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class CancelIT {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    KubernetesClient kubernetes;

    @Inject
    RunRecorder recorder;

    @Inject
    ApiKeys keys;

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "nubicustos.api.ingest.upload-key")
    String uploadKey;

    /** A ScanJob whose first run g1 the operator has started (what its status says), after an earlier run saw {@code seen}. */
    ScanJob scanJobRunning(String ns, List<NormalizedFinding> seen) {
        ScanJob scanJob = kubernetes.getKubernetesSerialization().unmarshal("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: audit, namespace: %s}
                spec: {tool: prowler, provider: aws, credentialRef: {name: aws}}
                """.formatted(ns), ScanJob.class);
        ScanJob created = kubernetes.resource(scanJob).create();
        Plant.run(recorder, ns, "audit", ns + "-g0", Instant.now().minus(1, ChronoUnit.DAYS), seen);
        return status(created, run("g1", null));
    }

    ScanJob status(ScanJob scanJob, RunSummary last) {
        ScanJobStatus status = new ScanJobStatus();
        status.setLastRun(last);
        scanJob.setStatus(status);
        return kubernetes.resource(scanJob).updateStatus();
    }

    static RunSummary run(String id, String outcome) {
        RunSummary run = new RunSummary();
        run.setId(id);
        run.setJob("audit-" + id);
        run.setStartedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (outcome != null) {
            run.setOutcome(outcome);
            run.setCompletedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        return run;
    }

    String bearer(ScanJob scanJob, String run) {
        return "Bearer " + new UploadToken(scanJob.getMetadata().getUid() + "-" + run, scanJob.getMetadata().getNamespace(), "audit",
                scanJob.getMetadata().getUid(), Instant.now().plus(1, ChronoUnit.HOURS)).sign(Base64.getDecoder().decode(uploadKey));
    }

    static byte[] chunk(List<NormalizedFinding> findings) throws Exception {
        return JSON.writeValueAsBytes(Map.of("tool", "prowler", "provider", "aws", "findings", findings, "controls", List.of()));
    }

    JsonPath listedRun(String key, String ns, String runId) {
        return given().header("X-API-Key", key).get("/api/scans?namespace=" + ns).then().statusCode(200).extract().jsonPath()
                .setRootPath("items.find { it.runId == '" + runId + "' }");
    }

    long resolved(String ns) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from finding where scope = ? and status = 'resolved'")) {
            s.setString(1, ns);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void aRunIsListedFromItsStartAndCancellingItByTheApiRefusesTheRestOfItsUpload() throws Exception {
        String ns = "cancel-api-" + System.nanoTime() % 100000;
        String operator = Keys.create(keys, Role.OPERATOR, ns);
        List<NormalizedFinding> seen = Plant.spread(ns, 3);
        ScanJob scanJob = scanJobRunning(ns, seen);
        String runId = scanJob.getMetadata().getUid() + "-g1";

        // Listed (and so cancellable) before its scanner uploaded anything.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(listedRun(operator, ns, runId).getString("outcome")).isEqualTo("running"));
        String id = listedRun(operator, ns, runId).getString("id");
        given().header("Authorization", bearer(scanJob, "g1")).contentType(ContentType.JSON).body(chunk(seen.subList(0, 1)))
                .post("/api/ingest/runs/" + runId + "/chunks/0").then().statusCode(200);

        given().header("X-API-Key", operator).delete("/api/scans/" + id).then().statusCode(202)
                .body("outcome", equalTo("cancelled")).body("suspended", equalTo(true));

        assertThat(kubernetes.resources(ScanJob.class).inNamespace(ns).withName("audit").get().getSpec().getSuspend()).isTrue();
        given().header("Authorization", bearer(scanJob, "g1")).contentType(ContentType.JSON).body(chunk(seen.subList(1, 2)))
                .post("/api/ingest/runs/" + runId + "/chunks/1").then().statusCode(409).body("message", containsString("cancelled"));
        given().header("Authorization", bearer(scanJob, "g1")).contentType(ContentType.JSON).body(Map.of("outcome", "succeeded", "chunks", 1))
                .post("/api/ingest/runs/" + runId + "/complete").then().statusCode(409).body("message", containsString("cancelled"));
        assertThat(resolved(ns)).as("a cancelled run's partial upload resolves nothing").isZero();
        given().header("X-API-Key", operator).get("/api/scans/" + id).then().statusCode(200)
                .body("outcome", equalTo("cancelled")).body("findings.total", equalTo(1));
        given().header("X-API-Key", operator).delete("/api/scans/" + id).then().statusCode(409)
                .body("message", containsString("ended already"));
    }

    @Test
    void suspendingTheScanJobThroughKubernetesMakesItsRunsCompletionCancelIt() throws Exception {
        String ns = "cancel-kube-" + System.nanoTime() % 100000;
        String viewer = Keys.create(keys, Role.VIEWER, ns);
        List<NormalizedFinding> seen = Plant.spread(ns, 3);
        ScanJob scanJob = scanJobRunning(ns, seen);
        String runId = scanJob.getMetadata().getUid() + "-g1";
        given().header("Authorization", bearer(scanJob, "g1")).contentType(ContentType.JSON).body(chunk(seen.subList(0, 1)))
                .post("/api/ingest/runs/" + runId + "/chunks/0").then().statusCode(200);

        kubernetes.resources(ScanJob.class).inNamespace(ns).withName("audit").edit(sj -> {
            sj.getSpec().setSuspend(true);
            return sj;
        });

        // The scanner completes before the operator has deleted its Job: refused, as soon as the API sees the suspension.
        await().atMost(TIMEOUT).untilAsserted(() -> given().header("Authorization", bearer(scanJob, "g1")).contentType(ContentType.JSON)
                .body(Map.of("outcome", "succeeded", "chunks", 1)).post("/api/ingest/runs/" + runId + "/complete").then().statusCode(409));
        assertThat(resolved(ns)).isZero();
        assertThat(listedRun(viewer, ns, runId).getString("outcome")).isEqualTo("cancelled");
    }

    @Test
    void aRunTheOperatorEndedBeforeAnyUploadEndsInTheApiWithItsOutcome() {
        String ns = "cancel-ended-" + System.nanoTime() % 100000;
        String viewer = Keys.create(keys, Role.VIEWER, ns);
        ScanJob scanJob = scanJobRunning(ns, Plant.spread(ns, 2));
        String runId = scanJob.getMetadata().getUid() + "-g1";
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(listedRun(viewer, ns, runId).getString("outcome")).isEqualTo("running"));

        status(kubernetes.resources(ScanJob.class).inNamespace(ns).withName("audit").get(), run("g1", "Failed"));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonPath run = listedRun(viewer, ns, runId);
            assertThat(run.getString("outcome")).isEqualTo("failed");
            assertThat(run.getString("completedAt")).isNotNull();
            assertThat(run.getString("tool")).isEqualTo("prowler");
        });
    }
}
