package io.nubicustos.findings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.agroal.api.AgroalDataSource;
import io.nubicustos.findings.support.FlakyProxy;
import io.nubicustos.findings.support.Plant;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.ingest.UploadToken;
import io.nubicustos.scanner.ScannerCommand;
import io.nubicustos.scanner.parse.ProwlerOcsfParser;
import io.nubicustos.testing.Neo4jTestResource;
import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;

/**
 * The upload path end to end: the scanner's upload command against the real API and PostgreSQL,
 * run tokens, idempotent chunks, all-or-nothing chunks, completion rules, and the network
 * failing mid-upload.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class IngestIT {

    static final Path FIXTURES = Path.of(System.getProperty("nubicustos.fixtures", "../../fixtures"));
    /** A real Prowler OCSF finding, repeated on 300 resources: enough for 60 chunks of 5. */
    static final Path REPORT = report(300);
    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    static Path report(int findings) {
        try {
            var template = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper()
                    .readTree(FIXTURES.resolve("prowler/upstream_example_output_aws.ocsf.json").toFile()).get(0);
            var array = new ObjectMapper().createArrayNode();
            for (int i = 0; i < findings; i++) {
                var f = template.deepCopy();
                f.put("status_code", "FAIL");
                ((com.fasterxml.jackson.databind.node.ObjectNode) f.get("metadata")).put("event_code", "check_" + (i % 17));
                ((com.fasterxml.jackson.databind.node.ObjectNode) f.get("resources").get(0)).put("uid", "arn:aws:s3:::ingest-" + i);
                array.add(f);
            }
            Path file = Files.createTempFile("prowler", ".ocsf.json");
            file.toFile().deleteOnExit();
            new ObjectMapper().writeValue(file.toFile(), array);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ConfigProperty(name = "nubicustos.api.ingest.upload-key")
    String uploadKey;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    AgroalDataSource db;

    /** A cluster-scope run's token: the chunks here carry objects of several namespaces (IngestAbuseIT holds a tenant's to its own). */
    String token(String runId, String namespace, Instant expires) {
        return new UploadToken(runId, namespace, "scan", "uid-" + namespace, expires, true).sign(Base64.getDecoder().decode(uploadKey));
    }

    String token(String runId, String namespace) {
        return token(runId, namespace, Instant.now().plus(1, ChronoUnit.HOURS));
    }

    static byte[] chunk(List<NormalizedFinding> findings) throws Exception {
        return JSON.writeValueAsBytes(Map.of("tool", "prowler", "provider", "aws", "findings", findings, "controls", List.of()));
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

    @Test
    void theRunIsTheTokensToolAndProviderAndTheCompletionAnswersWithTheCounts() throws Exception {
        String ns = "signed-tool-" + System.nanoTime();
        String auth = "Bearer " + new UploadToken(ns + "-1", ns, "scan", "uid-" + ns, Instant.now().plus(1, ChronoUnit.HOURS), true, "trivy",
                "kubernetes").sign(Base64.getDecoder().decode(uploadKey));
        List<NormalizedFinding> findings = Plant.spread(ns, 6);
        // The chunk says prowler and aws; the operator signed trivy and kubernetes, and that is what the run is.
        given().header("Authorization", auth).contentType(ContentType.JSON).body(chunk(findings)).post("/api/ingest/runs/" + ns + "-1/chunks/0")
                .then().statusCode(200);
        var answer = given().header("Authorization", auth).contentType(ContentType.JSON).body(Map.of("outcome", "succeeded", "chunks", 1))
                .post("/api/ingest/runs/" + ns + "-1/complete").then().statusCode(200).extract().jsonPath();
        assertThat(count("select count(*) from scan_run where run_id = ? and tool = 'trivy' and provider = 'kubernetes'", ns + "-1")).isEqualTo(1);
        assertThat(answer.getLong("findings")).isEqualTo(6);
        long[] bySeverity = new long[5];
        findings.forEach(f -> bySeverity[f.severity().rank()]++);
        assertThat(List.of(answer.getLong("info"), answer.getLong("low"), answer.getLong("medium"), answer.getLong("high"), answer.getLong("critical")))
                .containsExactly(bySeverity[0], bySeverity[1], bySeverity[2], bySeverity[3], bySeverity[4]);
    }

    @Test
    void onlyAValidTokenForThisRunWrites() throws Exception {
        String ns = "tokens-" + System.nanoTime();
        byte[] body = chunk(Plant.spread(ns, 3));
        String path = "/api/ingest/runs/" + ns + "-1/chunks/0";
        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer " + token(ns + "-2", ns)).contentType(ContentType.JSON).body(body).post(path).then().statusCode(401);
        given().header("Authorization", "Bearer " + token(ns + "-1", ns, Instant.now().minusSeconds(1))).contentType(ContentType.JSON).body(body)
                .post(path).then().statusCode(401);
        String forged = new UploadToken(ns + "-1", ns, "scan", "uid", Instant.now().plusSeconds(600)).sign(new byte[32]);
        given().header("Authorization", "Bearer " + forged).contentType(ContentType.JSON).body(body).post(path).then().statusCode(401);
        given().header("X-API-Key", io.nubicustos.findings.support.Keys.BOOTSTRAP).contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(401);
        assertThat(count("select count(*) from finding where scope = ?", ns)).isZero();

        given().header("Authorization", "Bearer " + token(ns + "-1", ns)).contentType(ContentType.JSON).body(body).post(path).then()
                .statusCode(200).body("findings", equalTo(3)).body("duplicate", equalTo(false));
        assertThat(count("select count(*) from finding where scope = ?", ns)).isEqualTo(3);
    }

    @Test
    void aRunIdOfOneScanJobCannotBeWrittenWithAnotherScanJobsToken() throws Exception {
        String ns = "owner-" + System.nanoTime();
        String runId = ns + "-g1";
        byte[] body = chunk(Plant.spread(ns, 2));
        given().header("Authorization", "Bearer " + token(runId, ns)).contentType(ContentType.JSON).body(body)
                .post("/api/ingest/runs/" + runId + "/chunks/0").then().statusCode(200);

        String other = "Bearer " + new UploadToken(runId, "intruder-" + ns, "scan", "uid-intruder", Instant.now().plusSeconds(600))
                .sign(Base64.getDecoder().decode(uploadKey));
        given().header("Authorization", other).contentType(ContentType.JSON).body(chunk(Plant.spread("intruder-" + ns, 3)))
                .post("/api/ingest/runs/" + runId + "/chunks/1").then().statusCode(409);
        given().header("Authorization", other).contentType(ContentType.JSON).body(Map.of("outcome", "succeeded", "chunks", 1))
                .post("/api/ingest/runs/" + runId + "/complete").then().statusCode(409);
        assertThat(count("select count(*) from finding where scope = ?", "intruder-" + ns)).isZero();
        assertThat(count("select count(*) from ingest_chunk c join scan_run r on r.id = c.scan_run_id where r.run_id = ?", runId)).isEqualTo(1);
    }

    @Test
    void aChunkSentTwiceIsWrittenOnceAndAnotherUnderTheSameNumberIsRefused() throws Exception {
        String ns = "idem-" + System.nanoTime();
        String auth = "Bearer " + token(ns + "-1", ns);
        byte[] body = chunk(Plant.spread(ns, 4));
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", auth).contentType(ContentType.JSON).body(body).post("/api/ingest/runs/" + ns + "-1/chunks/0")
                    .then().statusCode(200).body("duplicate", equalTo(i == 1));
        }
        given().header("Authorization", auth).contentType(ContentType.JSON).body(chunk(Plant.spread(ns + "x", 2)))
                .post("/api/ingest/runs/" + ns + "-1/chunks/0").then().statusCode(409);
        assertThat(count("select count(*) from finding where scope = ?", ns)).isEqualTo(4);
        assertThat(count("select count(*) from finding_occurrence o join scan_run r on r.id = o.scan_run_id where r.run_id = ?", ns + "-1"))
                .isEqualTo(4);
    }

    @Test
    void anInvalidChunkIsA400AndWritesNothing() throws Exception {
        String ns = "invalid-" + System.nanoTime();
        String auth = "Bearer " + token(ns + "-1", ns);
        List<NormalizedFinding> findings = new ArrayList<>(Plant.spread(ns, 5));
        NormalizedFinding good = findings.get(4);
        // A tampered fingerprint: it would merge into another finding's row.
        findings.set(4, new NormalizedFinding(good.tool(), good.checkId(), good.control(), good.severity(), good.title(), good.description(),
                good.remediation(), good.provider(), good.account(), good.region(), good.namespace(), good.resourceType(), good.resource(),
                good.compliance(), "0000000000000000", List.of()));
        String path = "/api/ingest/runs/" + ns + "-1/chunks/0";
        given().header("Authorization", auth).contentType(ContentType.JSON).body(chunk(findings)).post(path).then().statusCode(400)
                .body("message", org.hamcrest.Matchers.containsString("findings[4].fingerprint"));
        given().header("Authorization", auth).contentType(ContentType.JSON).body("{\"tool\":\"prowler\",\"provider\":\"aws\",\"findings\":[{\"tool\":")
                .post(path).then().statusCode(400);
        given().header("Authorization", auth).contentType(ContentType.JSON)
                .body("{\"tool\":\"prowler\",\"provider\":\"aws\",\"findings\":[{\"tool\":\"prowler\",\"checkId\":\"x\",\"severity\":\"high\"}]}")
                .post(path).then().statusCode(400);
        given().header("Authorization", auth).contentType(ContentType.JSON).body("{\"tool\":\"Prowler; drop\",\"provider\":\"aws\",\"findings\":[]}")
                .post(path).then().statusCode(400);
        assertThat(count("select count(*) from finding where scope = ?", ns)).isZero();
        assertThat(count("select count(*) from ingest_chunk c join scan_run r on r.id = c.scan_run_id where r.run_id = ?", ns + "-1")).isZero();
        // The same number with a valid chunk is then accepted: nothing of the bad one was kept.
        given().header("Authorization", auth).contentType(ContentType.JSON).body(chunk(Plant.spread(ns, 5))).post(path).then().statusCode(200);
    }

    @Test
    void aRunCompletesOnlyWithAllItsChunksAndOnlySuccessResolves() throws Exception {
        String ns = "complete-" + System.nanoTime();
        List<NormalizedFinding> all = Plant.spread(ns, 6);
        String auth1 = "Bearer " + token(ns + "-1", ns);
        given().header("Authorization", auth1).contentType(ContentType.JSON).body(chunk(all)).post("/api/ingest/runs/" + ns + "-1/chunks/0")
                .then().statusCode(200);
        given().header("Authorization", auth1).contentType(ContentType.JSON).body(Map.of("outcome", "succeeded", "chunks", 1))
                .post("/api/ingest/runs/" + ns + "-1/complete").then().statusCode(200).body("findings", equalTo(6));

        // Run 2 sends chunk 1 of 2 only: completing as succeeded is refused, nothing is resolved.
        String auth2 = "Bearer " + token(ns + "-2", ns);
        given().header("Authorization", auth2).contentType(ContentType.JSON).body(chunk(all.subList(0, 2)))
                .post("/api/ingest/runs/" + ns + "-2/chunks/1").then().statusCode(200);
        given().header("Authorization", auth2).contentType(ContentType.JSON).body(Map.of("outcome", "succeeded", "chunks", 2))
                .post("/api/ingest/runs/" + ns + "-2/complete").then().statusCode(409);
        assertThat(count("select count(*) from finding where scope = ? and status = 'resolved'", ns)).isZero();
        // As failed, it completes, and still resolves nothing.
        given().header("Authorization", auth2).contentType(ContentType.JSON).body(Map.of("outcome", "failed", "chunks", 2))
                .post("/api/ingest/runs/" + ns + "-2/complete").then().statusCode(200).body("outcome", equalTo("failed"));
        assertThat(count("select count(*) from finding where scope = ? and status = 'resolved'", ns)).isZero();
        given().header("Authorization", auth2).contentType(ContentType.JSON).body(chunk(all.subList(0, 2)))
                .post("/api/ingest/runs/" + ns + "-2/chunks/0").then().statusCode(409);

        // Run 3 sees 2 of the 6 and succeeds: the other 4 are resolved.
        String auth3 = "Bearer " + token(ns + "-3", ns);
        given().header("Authorization", auth3).contentType(ContentType.JSON).body(chunk(all.subList(0, 2)))
                .post("/api/ingest/runs/" + ns + "-3/chunks/0").then().statusCode(200);
        given().header("Authorization", auth3).contentType(ContentType.JSON).body(Map.of("outcome", "succeeded", "chunks", 1))
                .post("/api/ingest/runs/" + ns + "-3/complete").then().statusCode(200).body("resolved", equalTo(4));
    }

    @Inject
    io.nubicustos.findings.ingest.RunRecorder recorder;

    @Test
    void findingsARunSawAreNotResolvedWhenItsChunksRaceItsStart() throws Exception {
        String ns = "race-" + System.nanoTime();
        List<NormalizedFinding> all = Plant.spread(ns, 4);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        io.nubicustos.findings.support.Plant.run(recorder, ns, "scan", ns + "-1", t, all);

        // Run 2's findings chunk was stamped before the graph chunk that registered the run, in parallel.
        java.util.UUID second = recorder.start(new io.nubicustos.findings.ingest.RunStart(ns + "-2", ns, "scan", "uid", "prowler", "aws",
                t.plusSeconds(600)));
        recorder.record(second, ns, all.subList(0, 3), t.plusSeconds(599));

        assertThat(recorder.complete(second, "succeeded", t.plusSeconds(601))).as("only the finding run 2 did not see").isEqualTo(1);
        assertThat(count("select count(*) from finding where scope = ? and status = 'open'", ns)).isEqualTo(3);
    }

    final io.nubicustos.findings.support.ScannerRuns scanner = new io.nubicustos.findings.support.ScannerRuns();

    String[] upload(String ns, int apiPort, Path tokenFile, Path termination, int maxAttempts) {
        return new String[] { "upload", "--api-url", "http://127.0.0.1:" + apiPort, "--run-id", ns + "-1", "--token-file", tokenFile.toString(),
            "--tool", "prowler", "--chunk-size", "5", "--max-attempts", Integer.toString(maxAttempts), "--termination-log",
            termination.toString(), REPORT.toString() };
    }

    /** Waits until the run has written {@code chunks} chunks: the upload is under way. */
    void awaitChunks(String runId, int chunks) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from ingest_chunk c join scan_run r on r.id = c.scan_run_id where r.run_id = ?", runId) >= chunks);
    }

    /** Every finding of the report is stored once, and run 1 of {@code ns} saw each once. */
    void assertEveryFindingOnce(String ns) throws Exception {
        Set<String> expected = expectedFingerprints();
        assertThat(count("select count(*) from finding where scope = ?", ns)).isEqualTo(expected.size());
        assertThat(count("select count(*) from finding_occurrence o join scan_run r on r.id = o.scan_run_id where r.run_id = ?", ns + "-1"))
                .isEqualTo(expected.size());
    }

    Set<String> expectedFingerprints() throws Exception {
        Set<String> fingerprints = new HashSet<>();
        new ProwlerOcsfParser().parse(REPORT, f -> fingerprints.add(f.fingerprint()));
        return fingerprints;
    }

    @Test
    void theScannerUploadsAReportAndTheOperatorGetsItsCounts() throws Exception {
        String ns = "scanner-" + System.nanoTime();
        Path dir = Files.createTempDirectory("upload");
        Path tokenFile = Files.writeString(dir.resolve("token"), token(ns + "-1", ns));
        Path termination = dir.resolve("termination-log");
        assertThat(scanner.run(upload(ns, port, tokenFile, termination, 3))).isZero();
        Set<String> expected = expectedFingerprints();
        assertThat(count("select count(*) from finding where scope = ?", ns)).isEqualTo(expected.size());
        Map<?, ?> counts = JSON.readValue(Files.readString(termination), Map.class);
        // The API's tally, not the scanner's: repeats in the report are counted once, as stored.
        assertThat(((Number) counts.get("findings")).longValue()).isEqualTo(expected.size());
        assertThat(count("select findings from scan_run where run_id = ?", ns + "-1")).isEqualTo(expected.size());
        assertThat(Files.readString(termination)).doesNotContain(Files.readString(tokenFile));
    }

    @Test
    void theNetworkFailingMidUploadCostsRetriesNotFindings() throws Exception {
        String ns = "flaky-" + System.nanoTime();
        Path dir = Files.createTempDirectory("upload");
        Path tokenFile = Files.writeString(dir.resolve("token"), token(ns + "-1", ns));
        try (FlakyProxy proxy = new FlakyProxy(port)) {
            CompletableFuture<Integer> upload = CompletableFuture.supplyAsync(() -> scanner.run(upload(ns, proxy.port(), tokenFile,
                    dir.resolve("termination"), 8)));
            awaitChunks(ns + "-1", 2);
            proxy.down();
            Thread.sleep(1500);
            proxy.up();
            assertThat(upload.get()).isZero();
        }
        assertThat(scanner.lastErr()).as("the scanner had to retry").contains("retrying");
        assertEveryFindingOnce(ns);
        assertThat(count("select count(*) from scan_run where run_id = ? and outcome = 'succeeded'", ns + "-1")).isEqualTo(1);
    }

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    /**
     * PostgreSQL refusing the API's connections mid-upload (its sessions killed, new ones
     * refused), then coming back: the API answers 5xx meanwhile, the scanner retries, and every
     * finding arrives once.
     */
    @Test
    void postgresUnavailableMidUploadCostsRetriesNotFindings() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.nubicustos.testing.TestPostgres.get().embedded(),
                "needs the embedded server's superuser to refuse connections");
        String ns = "pgdown-" + System.nanoTime();
        Path dir = Files.createTempDirectory("upload");
        Path tokenFile = Files.writeString(dir.resolve("token"), token(ns + "-1", ns));
        String admin = jdbcUrl.replaceFirst("/[^/?]+(\\?|$)", "/postgres$1");
        String database = jdbcUrl.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        CompletableFuture<Integer> upload = CompletableFuture.supplyAsync(() -> scanner.run(upload(ns, port, tokenFile, dir.resolve("termination"), 10)));
        awaitChunks(ns + "-1", 2);
        try (Connection c = java.sql.DriverManager.getConnection(admin, "postgres", ""); java.sql.Statement s = c.createStatement()) {
            s.execute("alter database " + database + " allow_connections false");
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "' and pid <> pg_backend_pid()");
            Thread.sleep(2000);
            s.execute("alter database " + database + " allow_connections true");
        }
        assertThat(upload.get()).isZero();
        assertThat(scanner.lastErr()).as("the scanner had to retry").contains("HTTP 5");
        assertEveryFindingOnce(ns);
    }

    @Test
    void aScannerKilledMidUploadAndRestartedLeavesNoDuplicates() throws Exception {
        String ns = "restart-" + System.nanoTime();
        Path dir = Files.createTempDirectory("upload");
        Path tokenFile = Files.writeString(dir.resolve("token"), token(ns + "-1", ns));
        try (FlakyProxy proxy = new FlakyProxy(port)) {
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> scanner.run(upload(ns, proxy.port(), tokenFile,
                    dir.resolve("termination"), 1)));
            awaitChunks(ns + "-1", 2);
            proxy.down();
            // With one attempt per request, the first scanner gives up, like a pod killed mid-upload.
            assertThat(first.get()).isEqualTo(ScannerCommand.UPLOAD_FAILED);
        }
        long partial = count("select count(*) from finding where scope = ?", ns);
        Set<String> expected = expectedFingerprints();
        assertThat(partial).isPositive().isLessThan(expected.size());
        assertThat(count("select count(*) from scan_run where run_id = ? and completed_at is null", ns + "-1")).isEqualTo(1);

        assertThat(scanner.run(upload(ns, port, tokenFile, dir.resolve("termination"), 3))).isZero();
        assertEveryFindingOnce(ns);
    }

    @Test
    void aBrokenReportUploadsNothing() throws Exception {
        String ns = "broken-" + System.nanoTime();
        Path dir = Files.createTempDirectory("upload");
        Path tokenFile = Files.writeString(dir.resolve("token"), token(ns + "-1", ns));
        String whole = Files.readString(REPORT);
        Path truncated = Files.writeString(dir.resolve("truncated.ocsf.json"), whole.substring(0, whole.length() * 2 / 3));
        String[] args = upload(ns, port, tokenFile, dir.resolve("termination"), 3);
        args[args.length - 1] = truncated.toString();
        assertThat(scanner.run(args)).isEqualTo(ScannerCommand.BAD_INPUT);
        assertThat(count("select count(*) from scan_run where run_id = ?", ns + "-1")).isZero();
    }
}
