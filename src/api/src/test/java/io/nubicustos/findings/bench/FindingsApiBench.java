package io.nubicustos.findings.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.nubicustos.model.finding.Severity;
import io.nubicustos.findings.ingest.RunRecorder;
import io.nubicustos.findings.ingest.RunStart;
import io.nubicustos.findings.support.Keys;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.testing.BenchReport;
import io.nubicustos.testing.Neo4jTestResource;
import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * One million findings with a realistic spread (fixed seed), then the API over loopback: list
 * latencies, summary, a page deep into a cursor, a full CSV export (rows/s, peak heap), and
 * requests per second with 32 concurrent clients. Ingest throughput of the seeding is reported too.
 */
@QuarkusTest
@TestProfile(FindingsApiBench.Unlimited.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class FindingsApiBench {

    static final int FINDINGS = Integer.getInteger("bench.findings", 1_000_000);
    static final int BATCH = 5_000;
    static final int SAMPLES = 300;

    /** The load generator is the client here; rate limits would only measure themselves. */
    public static class Unlimited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nubicustos.api.rate-limit.enabled", "false", "quarkus.datasource.jdbc.max-size", "40",
                    "quarkus.log.category.\"io.nubicustos.findings.access\".level", "WARN");
        }
    }

    @Inject
    RunRecorder recorder;

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void millionFindings() throws Exception {
        BenchReport report = new BenchReport("findings-api", "1M findings: p99 < 50 ms for lists and summary; CSV export > 100000 rows/s "
                + "with heap < 256 MiB; > 2000 requests/s with 32 clients");
        seed(report);
        String base = "http://localhost:" + port;

        latency(report, "list_one_filter", base, i -> "/api/findings?severity=" + pick(i, "critical", "high", "medium", "low"));
        latency(report, "list_three_filters", base, i -> "/api/findings?severity=" + pick(i, "critical", "high", "medium")
                + "&status=open&provider=" + pick(i / 3, "aws", "azure", "gcp", "kubernetes"));
        latency(report, "list_check_filter", base, i -> "/api/findings?check=check_" + (i % 500) + "&status=open");
        latency(report, "summary", base, i -> "/api/findings/summary" + (i % 2 == 0 ? "" : "?provider=aws"));
        latency(report, "summary_counted", base, i -> "/api/findings/summary?account=" + account(i % 20));
        String deep = deepCursor(base, Math.min(100_000, FINDINGS / 2));
        latency(report, "list_deep_cursor", base, i -> "/api/findings?limit=50&cursor=" + deep);
        export(report, base);
        throughput(report, base);
        report.write();
    }

    // --- seeding --------------------------------------------------------------------------------

    void seed(BenchReport report) throws Exception {
        Random random = new Random(42);
        String[] tools = { "prowler", "prowler", "prowler", "prowler", "prowler", "trivy", "trivy", "trivy", "kubescape", "checkov" };
        String[] providers = { "aws", "aws", "aws", "azure", "gcp", "kubernetes", "kubernetes" };
        Severity[] severities = weighted(new Severity[] { Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO },
                new int[] { 3, 15, 35, 30, 17 });
        String[] frameworks = { "CIS-3.0", "NIST-800-53", "PCI-4.0", "SOC2", "ISO27001" };
        long start = System.nanoTime();
        int runs = 20;
        int perRun = FINDINGS / runs;
        for (int r = 0; r < runs; r++) {
            String scope = "team-" + (r % 10);
            Instant at = Instant.now().minus(Duration.ofDays(40 - r));
            UUID run = recorder.start(new RunStart("bench-" + r, scope, "scan-" + r, UUID.randomUUID().toString(), "prowler", "aws", at));
            List<NormalizedFinding> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < perRun; i++) {
                int n = r * perRun + i;
                String provider = providers[random.nextInt(providers.length)];
                String check = "check_" + random.nextInt(500);
                batch.add(NormalizedFinding.of(tools[random.nextInt(tools.length)], check, severities[random.nextInt(severities.length)],
                        "Resource fails " + check + " " + WORDS[random.nextInt(WORDS.length)], "Description of " + check,
                        "Remediate " + check, provider, account(random.nextInt(20)), "region-" + random.nextInt(8),
                        provider.equals("kubernetes") ? "ns-" + random.nextInt(50) : null, "Type" + random.nextInt(30),
                        "resource/" + provider + "/" + n, Map.of(frameworks[random.nextInt(frameworks.length)], List.of("" + random.nextInt(40)))));
                if (batch.size() == BATCH) {
                    recorder.record(run, scope, batch, at);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                recorder.record(run, scope, batch, at);
            }
            recorder.complete(run, "succeeded", at.plusSeconds(600));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report.figure("seed_findings", FINDINGS);
        report.figure("ingest_findings_per_s", Math.round(FINDINGS / seconds));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            // A realistic mix of statuses: most open, some handled.
            s.executeUpdate("update finding set status = 'resolved', fixed_at = last_seen + interval '3 days' where id % 5 = 0");
            s.executeUpdate("update finding set status = 'acknowledged' where id % 20 = 1");
            s.executeUpdate("update finding set status = 'false_positive' where id % 33 = 2");
            s.execute("vacuum analyze finding");
            s.execute("analyze finding_tally");
        }
    }

    static final String[] WORDS = { "bucket", "encryption", "logging", "public", "privileged", "root", "mfa", "rotation", "tls", "network" };

    static String account(int i) {
        return String.format("%012d", 100000000000L + i);
    }

    static <T> T[] weighted(T[] values, int[] weights) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            for (int w = 0; w < weights[i]; w++) {
                out.add(values[i]);
            }
        }
        return out.toArray(Arrays.copyOf(values, 0));
    }

    static String pick(int i, String... values) {
        return values[Math.floorMod(i, values.length)];
    }

    // --- measurements -----------------------------------------------------------------------------

    HttpResponse<byte[]> get(String url) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", Keys.BOOTSTRAP).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError(url + " answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response;
    }

    void latency(BenchReport report, String name, String base, java.util.function.IntFunction<String> path) throws Exception {
        for (int i = 0; i < 30; i++) {
            get(base + path.apply(i)); // warm-up: JIT and PostgreSQL's buffers
        }
        double[] ms = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long t = System.nanoTime();
            get(base + path.apply(i));
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        report.figure(name + "_p50_ms", round(ms[SAMPLES / 2]));
        report.figure(name + "_p99_ms", round(ms[(int) Math.ceil(SAMPLES * 0.99) - 1]));
    }

    String deepCursor(String base, int depth) throws Exception {
        String cursor = null;
        int seen = 0;
        while (seen < depth) {
            JsonNode page = json.readTree(get(base + "/api/findings?limit=500" + (cursor == null ? "" : "&cursor=" + cursor)).body());
            seen += page.get("items").size();
            cursor = page.get("nextCursor").asText();
        }
        return cursor;
    }

    void export(BenchReport report, String base) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/exports/findings?format=csv"))
                .header("X-API-Key", Keys.BOOTSTRAP).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        long rows = 0;
        // Counting line ends in bulk keeps the client's share of the two cores small.
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[256 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        rows++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        assertThat(rows - 1).as("exported rows").isEqualTo(FINDINGS);
        report.figure("export_csv_rows", rows - 1);
        report.figure("export_csv_rows_per_s", Math.round((rows - 1) / seconds));
        report.figure("export_heap_before_mib", before / (1024 * 1024));
        report.figure("export_peak_heap_mib", peak / (1024 * 1024));
        report.figure("jvm_max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    /**
     * Requests per second of the list endpoint with 32 concurrent clients: measured with wrk when it
     * is installed (a load generator in C costs the two cores little), else with the JDK's client.
     */
    void throughput(BenchReport report, String base) throws Exception {
        if (wrkAvailable()) {
            Path script = Files.createTempFile("bench", ".lua");
            Files.writeString(script, """
                    local severities = {"critical", "high", "medium", "low", "info"}
                    local n = 0
                    request = function()
                      n = n + 1
                      return wrk.format("GET", "/api/findings?limit=50&severity=" .. severities[(n % 5) + 1])
                    end
                    """);
            Process wrk = new ProcessBuilder("wrk", "-t2", "-c32", "-d15s", "--latency", "-H", "X-API-Key: " + Keys.BOOTSTRAP, "-s",
                    script.toString(), base).redirectErrorStream(true).start();
            String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            wrk.waitFor();
            java.util.regex.Matcher rps = java.util.regex.Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
            java.util.regex.Matcher p99 = java.util.regex.Pattern.compile("99%\\s+([0-9.]+)(us|ms|s)").matcher(out);
            if (!rps.find() || out.contains("Non-2xx")) {
                throw new AssertionError("wrk failed: " + out);
            }
            report.figure("list_clients", 32);
            report.figure("list_requests_per_s", Math.round(Double.parseDouble(rps.group(1))));
            if (p99.find()) {
                double v = Double.parseDouble(p99.group(1));
                report.figure("list_under_load_p99_ms", round(p99.group(2).equals("us") ? v / 1000 : p99.group(2).equals("s") ? v * 1000 : v));
            }
            report.figure("load_generator_wrk", 1);
            Files.deleteIfExists(script);
            return;
        }
        report.figure("load_generator_wrk", 0);
        jdkThroughput(report, base);
    }

    static boolean wrkAvailable() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() <= 1;
        } catch (Exception e) {
            return false;
        }
    }

    void jdkThroughput(BenchReport report, String base) throws Exception {
        int clients = 32;
        Duration length = Duration.ofSeconds(15);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + length.toNanos();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                int i = client;
                while (System.nanoTime() < end) {
                    try {
                        get(base + "/api/findings?limit=50&severity=" + pick(i++, "critical", "high", "medium", "low", "info"));
                        done.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        report.figure("list_clients", clients);
        report.figure("list_requests_per_s", Math.round(done.get() / (double) length.toSeconds()));
        report.figure("list_failed_requests", failed.get());
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
