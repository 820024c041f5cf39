package io.nubicustos.findings.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.agroal.api.AgroalDataSource;
import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.ingest.UploadToken;
import io.nubicustos.scanner.upload.ChunkedUpload;
import io.nubicustos.scanner.upload.IngestClient;
import io.nubicustos.testing.BenchReport;
import io.nubicustos.testing.Neo4jTestResource;
import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * One million normalized findings through the real ingest endpoint (chunks of 1,000 over
 * loopback, as the scanner sends them), and the same rows by raw COPY into a bare table: the
 * physical reference the ingest rate is compared with.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class IngestBench {

    static final int FINDINGS = Integer.getInteger("bench.findings", 1_000_000);
    static final int CHUNK = 1_000;
    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    @ConfigProperty(name = "nubicustos.api.ingest.upload-key")
    String uploadKey;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    AgroalDataSource db;

    @Test
    void millionFindings() throws Exception {
        BenchReport report = new BenchReport("ingest", "1M findings through POST /api/ingest at >= 70% of raw COPY and > 20000 findings/s");
        String runId = "ingest-bench-1";
        String token = new UploadToken(runId, "bench", "scan", "uid", Instant.now().plus(2, ChronoUnit.HOURS), true)
                .sign(Base64.getDecoder().decode(uploadKey));
        // The scanner's own uploader: chunks of 1,000, two in flight, retries as in a scan pod.
        IngestClient client = new IngestClient("http://localhost:" + port, runId, token, 3, Duration.ofMillis(500), Duration.ofSeconds(5),
                System.err::println);
        ChunkedUpload upload = new ChunkedUpload(client, "prowler", "aws", CHUNK, 2);
        Random random = new Random(7);
        long start = System.nanoTime();
        for (int n = 0; n < FINDINGS; n++) {
            upload.add(finding(random, n));
        }
        upload.complete();
        double ingestSeconds = (System.nanoTime() - start) / 1e9;

        // The same rows, regenerated from the same seed, copied in 8 MB pieces; only the COPY is timed.
        long copyNanos = 0;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop table if exists copy_reference");
            s.execute("create table copy_reference (scope text, fingerprint text, tools text[], provider text, account text, region text, "
                    + "namespace text, resource_type text, resource text, check_id text, control text, severity smallint, title text, "
                    + "description text, remediation text, compliance jsonb, first_seen timestamptz, last_seen timestamptz)");
            StringBuilder copy = new StringBuilder();
            Random again = new Random(7);
            for (int n = 0; n < FINDINGS; n++) {
                copy.append(row(finding(again, n)));
                if (copy.length() > 8_000_000 || n == FINDINGS - 1) {
                    long t = System.nanoTime();
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy copy_reference from stdin", new StringReader(copy.toString()));
                    copyNanos += System.nanoTime() - t;
                    copy.setLength(0);
                }
            }
            s.execute("drop table copy_reference");
        }
        double copySeconds = copyNanos / 1e9;
        long ingestRate = Math.round(FINDINGS / ingestSeconds);
        long copyRate = Math.round(FINDINGS / copySeconds);
        report.figure("findings", FINDINGS);
        report.figure("chunk_findings", CHUNK);
        report.figure("ingest_findings_per_s", ingestRate);
        report.figure("chunks_in_flight", 2);
        report.figure("raw_copy_rows_per_s", copyRate);
        report.figure("ingest_to_copy_percent", Math.round(100.0 * ingestRate / copyRate));
        report.write();
    }

    static NormalizedFinding finding(Random random, int n) {
        Severity[] severities = Severity.values();
        String check = "check_" + random.nextInt(500);
        return NormalizedFinding.of("prowler", check, severities[random.nextInt(severities.length)], "Resource fails " + check,
                "Description of " + check, "Remediate " + check, "aws", String.format("%012d", 100000000000L + random.nextInt(20)),
                "eu-west-" + random.nextInt(3), null, "AwsS3Bucket", "arn:aws:s3:::bench-" + n,
                Map.of("CIS-3.0", List.of("" + random.nextInt(40))));
    }

    /** The row COPY gets: the same values the upsert writes, in COPY's text format. */
    static String row(NormalizedFinding f) throws Exception {
        String now = Instant.now().toString();
        return String.join("\t", "bench", f.fingerprint(), "{" + f.tool() + "}", f.provider(), f.account(), f.region(), "\\N",
                f.resourceType(), f.resource(), f.checkId(), f.control(), Integer.toString(4 - f.severity().ordinal()), f.title(),
                f.description(), f.remediation(), JSON.writeValueAsString(f.compliance()), now, now) + "\n";
    }
}
