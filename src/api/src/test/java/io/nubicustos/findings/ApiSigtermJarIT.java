package io.nubicustos.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.nubicustos.testing.PackagedJar;
import io.nubicustos.testing.TestNeo4j;
import io.nubicustos.testing.TestPostgres;

/**
 * The packaged API as the chart runs it (prod profile) on a real PostgreSQL and Neo4j: ready,
 * then SIGTERM, then gone with status 0 well inside the termination grace period.
 */
class ApiSigtermJarIT {

    static final Duration GRACE = Duration.ofSeconds(10);
    /** Probes are on the management interface. */
    private static final Pattern LISTENING = Pattern.compile("Management interface listening on http://[^:]+:(\\d+)");

    @Test
    void theReadyApiExitsWithStatusZeroWithinTenSecondsOfSigterm() throws Exception {
        TestPostgres.Database db = TestPostgres.get();
        Map<String, String> env = Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", db.username(),
                "QUARKUS_DATASOURCE_PASSWORD", db.password(),
                "NUBICUSTOS_NEO4J_URI", TestNeo4j.boltUri().toString(),
                "NUBICUSTOS_API_KEY_HASH_SECRET", "sigterm-test-key-hash-secret-0123456789abcdef",
                "NUBICUSTOS_API_INGEST_UPLOAD_KEY", "c2lndGVybS10ZXN0LXVwbG9hZC1rZXktMDEyMzQ1Njc4OWFiY2RlZg==",
                "KUBECONFIG", "/nonexistent",
                "QUARKUS_HTTP_PORT", "0",
                "QUARKUS_MANAGEMENT_PORT", "0");
        try (PackagedJar api = PackagedJar.start(Path.of("target/quarkus-app/quarkus-run.jar"), env,
                Path.of("target/packaged/api-sigterm.log"))) {
            api.awaitUntil(() -> ready(api), Duration.ofSeconds(90), "a ready API");

            OptionalInt exit = api.terminate(GRACE);

            assertThat(exit).as("exit after SIGTERM; still alive, its threads:\n%s", exit.isPresent() ? "" : api.threadDump())
                    .isPresent();
            assertThat(exit.getAsInt()).as(api.output()).isZero();
        }
    }

    private static boolean ready(PackagedJar api) {
        Matcher port = LISTENING.matcher(api.output());
        if (!port.find()) {
            return false;
        }
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port.group(1) + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
