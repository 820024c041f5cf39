package io.nubicustos.findings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.agroal.api.AgroalDataSource;
import io.nubicustos.model.finding.Severity;
import io.nubicustos.findings.ingest.RunRecorder;
import io.nubicustos.findings.ingest.RunStart;
import io.nubicustos.findings.security.ApiKeys;
import io.nubicustos.findings.security.Role;
import io.nubicustos.findings.support.CapturedLog;
import io.nubicustos.findings.support.Keys;
import io.nubicustos.findings.support.Plant;
import io.nubicustos.model.finding.Fingerprints;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.graph.GraphNode;
import io.nubicustos.model.ingest.UploadToken;
import io.nubicustos.testing.Neo4jTestResource;
import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The ingest attacks of issue 16 replayed: a finding without a required field, a field of 15 MiB,
 * a NUL character, a run that completes with nothing to resolve everything; each is refused with
 * a message naming the field or the state, nothing is stored or resolved, and no planted value
 * (finding text, the upload key, the run's token, an API key) reaches the log, the audit trail
 * or an answer.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class IngestAbuseIT {

    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    static final String PLANTED_TITLE = "PLANTED-TITLE-c0ffee";
    static final String PLANTED_RESOURCE = "arn:aws:s3:::planted-resource-b17e";
    static final String PLANTED_API_KEY = "nbk_0123456789ab_PLANTEDapiKEYplantedAPIkeyPLANTEDapiKEYplantedAPI";

    @ConfigProperty(name = "nubicustos.api.ingest.upload-key")
    String uploadKey;

    @Inject
    AgroalDataSource db;

    @Inject
    RunRecorder recorder;

    @Inject
    ApiKeys keys;

    CapturedLog log;
    /** Every answer of the test, status line, headers and body. */
    final List<String> answers = new ArrayList<>();

    @BeforeEach
    void listen() {
        log = CapturedLog.start();
    }

    @AfterEach
    void stop() {
        log.close();
    }

    /** A cluster-scope run's token (the planted findings spread over namespaces). */
    String token(String runId, String namespace) {
        return new UploadToken(runId, namespace, "scan", "uid-" + namespace, Instant.now().plus(1, ChronoUnit.HOURS), true)
                .sign(Base64.getDecoder().decode(uploadKey));
    }

    /** A tenant namespace's run: it may report on its namespace only. */
    String namespaceToken(String runId, String namespace) {
        return new UploadToken(runId, namespace, "scan", "uid-" + namespace, Instant.now().plus(1, ChronoUnit.HOURS), false)
                .sign(Base64.getDecoder().decode(uploadKey));
    }

    /** POSTs as a scan pod would; keeps the answer. */
    Response post(String token, String path, Object body) {
        var request = given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
        Response answer = (body instanceof byte[] bytes ? request.body(bytes) : request.body(body)).post(path);
        answers.add(answer.getStatusLine() + "\n" + answer.getHeaders() + "\n" + answer.asString());
        return answer;
    }

    /** A finding as JSON, as an attacker writes it: any field may be left out or replaced. */
    static Map<String, Object> finding(String ns, Map<String, Object> changes) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("tool", "prowler");
        f.put("checkId", "s3_bucket_public_access");
        f.put("control", "s3_bucket_public_access");
        f.put("severity", "high");
        f.put("title", PLANTED_TITLE);
        f.put("description", "PLANTED-DESCRIPTION-d00d");
        f.put("remediation", "PLANTED-REMEDIATION-f00d");
        f.put("provider", "aws");
        f.put("account", "123456789012");
        f.put("resource", PLANTED_RESOURCE + "-" + ns);
        f.putAll(changes);
        f.values().removeIf(v -> v == null);
        f.put("fingerprint", Fingerprints.of((String) f.get("control"), (String) f.get("account"), (String) f.get("resource")));
        return f;
    }

    static Map<String, Object> chunk(List<?> findings) {
        return Map.of("tool", "prowler", "provider", "aws", "findings", findings, "controls", List.of());
    }

    static Map<String, Object> without(String field) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put(field, null);
        return change;
    }

    long count(String sql, Object... params) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    String auditRows() throws Exception {
        StringBuilder rows = new StringBuilder();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select concat_ws(' ', action, actor, client, target, detail::text, request_id) from audit_event");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.append(r.getString(1)).append('\n');
            }
        }
        return rows.toString();
    }

    long stored(String ns) throws Exception {
        return count("select count(*) from finding where scope = ?", ns)
                + count("select count(*) from ingest_chunk c join scan_run r on r.id = c.scan_run_id where r.namespace = ?", ns);
    }

    /** None of the planted values, nor the upload key, nor a token, is in the log, the audit trail or an answer. */
    void assertNothingPlantedLeaked(String... tokens) throws Exception {
        List<String> planted = new ArrayList<>(List.of(PLANTED_TITLE, "PLANTED-DESCRIPTION", "PLANTED-REMEDIATION", "PLANTED-FRAMEWORK",
                PLANTED_RESOURCE, PLANTED_API_KEY, PLANTED_API_KEY.substring(17), uploadKey,
                new String(Base64.getDecoder().decode(uploadKey), StandardCharsets.ISO_8859_1), "Failing row"));
        for (String token : tokens) {
            planted.add(token);
            planted.add(token.substring(token.lastIndexOf('.') + 1));
        }
        String everything = log.text() + "\n" + auditRows() + "\n" + String.join("\n", answers);
        for (String value : planted) {
            assertThat(everything).as("no trace of a planted value starting " + value.substring(0, Math.min(10, value.length())))
                    .doesNotContain(value);
        }
    }

    /** Issue 16's cross-tenant audit: a staging run's chunk naming production's objects is refused whole; a cluster-scope run's is not. */
    @Test
    void aNamespaceScopedRunCannotWriteAnotherNamespacesFindingsOrGraph() throws Exception {
        String ns = "staging-" + System.nanoTime();
        String path = "/api/ingest/runs/" + ns + "-1/chunks/0";
        Map<String, Object> own = finding(ns, Map.of("tool", "kubernetes", "provider", "kubernetes", "namespace", ns,
                "resource", "Pod/" + ns + "/app"));
        Map<String, Object> production = finding(ns, Map.of("tool", "kubernetes", "provider", "kubernetes", "namespace", "production",
                "resource", "Pod/production/" + PLANTED_RESOURCE));
        Map<String, Object> kubernetes = Map.of("tool", "kubernetes", "provider", "kubernetes", "controls", List.of());
        Map<String, Object> withFinding = new LinkedHashMap<>(kubernetes);
        withFinding.put("findings", List.of(own, production));
        post(namespaceToken(ns + "-1", ns), path, withFinding).then().statusCode(400)
                .body("message", containsString("findings[1].namespace is not the run's own"));
        Map<String, Object> withNode = new LinkedHashMap<>(kubernetes);
        withNode.put("findings", List.of(own));
        withNode.put("nodes", List.of(Map.of("key", "Pod/production/db", "kind", "Pod", "namespace", "production")));
        post(namespaceToken(ns + "-1", ns), path, withNode).then().statusCode(400).body("message", containsString("nodes[0].namespace is not the run's own"));
        assertThat(stored(ns)).isZero();
        assertThat(count("select count(*) from finding where resource like 'Pod/production/%'")).isZero();

        String cluster = token(ns + "-2", ns);
        post(cluster, "/api/ingest/runs/" + ns + "-2/chunks/0", withFinding).then().statusCode(anyOf(is(200), is(201), is(202)));
        assertNothingPlantedLeaked(cluster);
    }

    @Test
    void aFindingWithoutARequiredFieldIsA400NamingTheFieldAndNothingIsStored() throws Exception {
        String ns = "required-" + System.nanoTime();
        String token = token(ns + "-1", ns);
        String path = "/api/ingest/runs/" + ns + "-1/chunks/0";
        // The attack of issue 16: no control, and a fingerprint computed without one, gave a 500 and "Failing row contains" in the log.
        post(token, path, chunk(List.of(finding(ns, Map.of()), finding(ns, without("control"))))).then().statusCode(400)
                .body("message", containsString("findings[1].control is required"));
        post(token, path, chunk(List.of(finding(ns, Map.of("control", " "))))).then().statusCode(400)
                .body("message", containsString("findings[0].control is required"));
        for (String field : List.of("checkId", "severity", "resource", "tool")) {
            post(token, path, chunk(List.of(finding(ns, without(field))))).then().statusCode(400)
                    .body("message", containsString("findings[0]." + field + " is required"));
        }
        Map<String, Object> noFingerprint = finding(ns, Map.of());
        noFingerprint.remove("fingerprint");
        post(token, path, chunk(List.of(noFingerprint))).then().statusCode(400).body("message", containsString("findings[0].fingerprint is required"));
        post(token, path, Map.of("provider", "aws", "findings", List.of())).then().statusCode(400).body("message", containsString("tool is required"));
        post(token, path, Map.of("tool", "prowler", "provider", "aws", "findings", List.of(),
                "nodes", List.of(Map.of("key", PLANTED_RESOURCE)))).then().statusCode(400).body("message", containsString("nodes[0].kind is required"));
        assertThat(stored(ns)).isZero();
        assertNothingPlantedLeaked(token);
    }

    @Test
    void aFieldBeyondItsBoundOrWithANulIsA400NamingTheFieldAndNothingIsStored() throws Exception {
        String ns = "bounds-" + System.nanoTime();
        String token = token(ns + "-1", ns);
        String path = "/api/ingest/runs/" + ns + "-1/chunks/0";
        // The attack of issue 16: a 15 MiB remediation was stored.
        String huge = "PLANTED-REMEDIATION-" + "x".repeat(15 * 1024 * 1024);
        post(token, path, chunk(List.of(finding(ns, Map.of()), finding(ns, Map.of("remediation", huge))))).then().statusCode(400)
                .body("message", containsString("findings[1].remediation is longer than 20000 characters"));
        post(token, path, chunk(List.of(finding(ns, Map.of("title", PLANTED_TITLE + "t".repeat(2000)))))).then().statusCode(400)
                .body("message", containsString("findings[0].title is longer than 2000 characters"));
        post(token, path, chunk(List.of(finding(ns, Map.of("description", "PLANTED-DESCRIPTION\u0000"))))).then().statusCode(400)
                .body("message", containsString("findings[0].description contains a NUL character"));
        post(token, path, chunk(List.of(finding(ns, Map.of("namespace", "n".repeat(64)))))).then().statusCode(400)
                .body("message", containsString("findings[0].namespace is longer than 63 characters"));
        // A sender's map key is never repeated: only the wire type's field names are.
        post(token, path, chunk(List.of(finding(ns, Map.of("compliance", Map.of("PLANTED-FRAMEWORK", Map.of("x", 1))))))).then().statusCode(400)
                .body("message", containsString("findings[0].compliance has the wrong type"));
        post(token, path, chunk(List.of(finding(ns, Map.of("severity", "PLANTED-FRAMEWORK"))))).then().statusCode(400)
                .body("message", containsString("findings[0].severity has the wrong type or an unknown value"));
        assertThat(stored(ns)).isZero();

        // Within the bounds, the same finding is stored.
        post(token, path, chunk(List.of(finding(ns, Map.of("remediation", "r".repeat(20_000)))))).then().statusCode(200);
        assertThat(count("select count(*) from finding where scope = ?", ns)).isEqualTo(1);
        assertNothingPlantedLeaked(token);
    }

    /** Below the API's checks: the driver's message for a refused row names no value of it (logServerErrorDetail=false). */
    @Test
    void aRowTheDatabaseRefusesLeavesNoneOfItsValuesInTheError() {
        String ns = "row-" + System.nanoTime();
        UUID run = recorder.start(new RunStart(ns + "-1", ns, "scan", "uid", "prowler", "aws", Instant.now()));
        NormalizedFinding noControl = new NormalizedFinding("prowler", "check", null, Severity.HIGH, PLANTED_TITLE, null, null, "aws",
                "123456789012", null, null, "AwsS3Bucket", PLANTED_RESOURCE, Map.of(), Fingerprints.of(null, "123456789012", PLANTED_RESOURCE), List.of());
        assertThatThrownBy(() -> recorder.record(run, ns, List.of(noControl), Instant.now())).satisfies(e -> {
            StringBuilder chain = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                chain.append(t).append('\n');
            }
            assertThat(chain).as("the driver names the column, not the row").contains("control").doesNotContain(PLANTED_TITLE)
                    .doesNotContain(PLANTED_RESOURCE).doesNotContain("Failing row");
        });
    }

    @Test
    void aRunThatUploadedNoFindingsResolvesNothingUnlessItDeclaresAnEmptyResult() throws Exception {
        String ns = "empty-" + System.nanoTime();
        List<NormalizedFinding> seen = Plant.spread(ns, 3);
        String first = token(ns + "-1", ns);
        post(first, "/api/ingest/runs/" + ns + "-1/chunks/0", JSON.writeValueAsBytes(chunk(seen))).then().statusCode(200);
        post(first, "/api/ingest/runs/" + ns + "-1/complete", Map.of("outcome", "succeeded", "chunks", 1)).then().statusCode(200);

        // The attack of issue 16: a pod that completes with nothing (or with a graph only) resolved every open finding.
        String second = token(ns + "-2", ns);
        post(second, "/api/ingest/runs/" + ns + "-2/complete", Map.of("outcome", "succeeded", "chunks", 0)).then().statusCode(409)
                .body("message", equalTo("the run uploaded no findings and did not declare an empty result: nothing is resolved"));
        post(second, "/api/ingest/runs/" + ns + "-2/chunks/0", Map.of("tool", "prowler", "provider", "aws", "findings", List.of(),
                "nodes", List.of(new GraphNode("Internet", "Internet", null, Map.of())))).then().statusCode(200);
        post(second, "/api/ingest/runs/" + ns + "-2/complete", Map.of("outcome", "succeeded", "chunks", 1)).then().statusCode(409);
        assertThat(count("select count(*) from finding where scope = ? and status = 'resolved'", ns)).isZero();
        assertThat(count("select count(*) from scan_run where run_id = ? and completed_at is null", ns + "-2")).isEqualTo(1);
        assertThat(count("select count(*) from audit_event where action = 'run_completion_refused' and target = ?", "scanjob/" + ns + "/scan"))
                .isEqualTo(2);

        // A run with findings that claims an empty result is refused too.
        String third = token(ns + "-3", "other-" + ns);
        post(third, "/api/ingest/runs/" + ns + "-3/chunks/0", JSON.writeValueAsBytes(chunk(seen.subList(0, 1)))).then().statusCode(200);
        post(third, "/api/ingest/runs/" + ns + "-3/complete", Map.of("outcome", "succeeded", "chunks", 1, "emptyResult", true)).then()
                .statusCode(409).body("message", equalTo("the run declared an empty result but uploaded findings"));
        assertThat(count("select count(*) from finding where scope = ? and status = 'resolved'", ns)).isZero();

        // Declared, a clean scan resolves what the ScanJob saw before, and the audit trail says so.
        post(second, "/api/ingest/runs/" + ns + "-2/complete", Map.of("outcome", "succeeded", "chunks", 1, "emptyResult", true)).then()
                .statusCode(200).body("resolved", equalTo(3));
        assertThat(count("select count(*) from audit_event where action = 'run_completed_empty' and target = ? and detail->>'run' = ?"
                + " and (detail->>'resolved')::int = 3", "scanjob/" + ns + "/scan", ns + "-2")).isEqualTo(1);
        assertNothingPlantedLeaked(first, second, third);
    }

    @Test
    void eachConflictOfIngestSaysWhatConflicts() throws Exception {
        String ns = "conflicts-" + System.nanoTime();
        String token = token(ns + "-1", ns);
        String run = "/api/ingest/runs/" + ns + "-1";
        post(token, run + "/chunks/0", JSON.writeValueAsBytes(chunk(Plant.spread(ns, 2)))).then().statusCode(200);
        post(token, run + "/chunks/0", JSON.writeValueAsBytes(chunk(Plant.spread(ns + "x", 2)))).then().statusCode(409)
                .body("message", equalTo("chunk 0 was received with other content"));
        post(token, run + "/complete", Map.of("outcome", "succeeded", "chunks", 2)).then().statusCode(409)
                .body("message", equalTo("not every chunk of the run was received"));
        String intruder = new UploadToken(ns + "-1", "intruder-" + ns, "scan", "uid", Instant.now().plusSeconds(600))
                .sign(Base64.getDecoder().decode(uploadKey));
        post(intruder, run + "/chunks/1", JSON.writeValueAsBytes(chunk(Plant.spread(ns, 1)))).then().statusCode(409)
                .body("message", equalTo("the run id belongs to another ScanJob"));
        post(token, run + "/complete", Map.of("outcome", "succeeded", "chunks", 1)).then().statusCode(200);
        post(token, run + "/chunks/1", JSON.writeValueAsBytes(chunk(Plant.spread(ns, 1)))).then().statusCode(409)
                .body("message", equalTo("the run is already complete"));
        assertNothingPlantedLeaked(token, intruder);
    }

    @Test
    void anApiKeyOpensNoIngestRouteAndIsNeitherLoggedNorAudited() throws Exception {
        String ns = "apikey-" + System.nanoTime();
        String admin = Keys.create(keys, Role.ADMIN, null);
        Response answer = given().header("X-API-Key", admin).contentType(ContentType.JSON).body(JSON.writeValueAsBytes(chunk(Plant.spread(ns, 1))))
                .post("/api/ingest/runs/" + ns + "-1/chunks/0");
        answers.add(answer.asString());
        answer.then().statusCode(401);
        Response planted = given().header("X-API-Key", PLANTED_API_KEY).header("Authorization", "Bearer " + token(ns + "-1", ns))
                .contentType(ContentType.JSON).body(JSON.writeValueAsBytes(chunk(Plant.spread(ns, 1)))).post("/api/ingest/runs/" + ns + "-1/chunks/0");
        answers.add(planted.asString());
        planted.then().statusCode(401);
        String forged = "v1.UExBTlRFRC1QQVlMT0FE." + "PLANTEDsignature";
        post(forged, "/api/ingest/runs/" + ns + "-1/complete", Map.of("outcome", "succeeded", "chunks", 0)).then().statusCode(401);
        assertThat(stored(ns)).isZero();
        assertThat(log.text() + auditRows() + answers).doesNotContain(admin).doesNotContain(admin.substring(17)).doesNotContain("PLANTEDsignature");
        assertNothingPlantedLeaked(token(ns + "-1", ns));
    }
}
