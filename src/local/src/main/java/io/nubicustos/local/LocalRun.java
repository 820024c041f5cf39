package io.nubicustos.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code make run}: the whole flow on one machine with nothing installed but a JDK. Starts the
 * embedded databases (unless configured), an in-memory Kubernetes API with the CRDs (unless a
 * cluster is given), the findings API and the operator, the local pod runner, applies the local
 * samples, and reports ScanJob progress until Ctrl-C.
 */
@Command(name = "nubicustos-local", mixinStandardHelpOptions = true, description = "Runs Nubicustos on this machine with embedded defaults.")
public final class LocalRun implements Callable<Integer> {

    @Option(names = "--repository", description = "The repository root (crds/, config/, built jars).", defaultValue = ".")
    Path repository;

    @Option(names = "--data-dir", description = "Where databases and keys live between runs.", defaultValue = ".nubicustos")
    Path dataDir;

    @Option(names = "--clean", description = "Start from an empty data directory.")
    boolean clean;

    @Option(names = "--api-port", defaultValue = "8080")
    int apiPort;

    @Option(names = "--operator-port", defaultValue = "8081")
    int operatorPort;

    @Option(names = "--api-management-port", description = "The API's probes and metrics.", defaultValue = "9000")
    int apiManagementPort;

    @Option(names = "--operator-management-port", description = "The operator's probes and metrics.", defaultValue = "9001")
    int operatorManagementPort;

    @Option(names = "--samples", description = "Manifests applied at start (default config/local/samples).")
    Path samples;

    @Option(names = "--report", description = "A report to replay as the upload of scans whose tool image cannot run locally.")
    Path report;

    @Option(names = "--cluster", description = "Use the cluster of KUBECONFIG (or ~/.kube/config) instead of the in-memory API: "
            + "no pod runner, no samples applied.")
    boolean useCluster;

    @Option(names = "--exit-after-first-scan", description = "Stop once the first ScanJob has succeeded or failed (for tests and benchmarks).")
    boolean exitAfterFirstScan;

    @Option(names = "--hold", paramLabel = "TOOL", description = "Scans of TOOL start and keep running until cancelled "
            + "(DELETE /api/scans/{id} or spec.suspend), to watch a cancel.")
    java.util.Set<String> held = new java.util.HashSet<>();

    /** This run's keys, passwords and token, once loaded (tests search outputs for them). */
    volatile Secrets secrets;
    /** Reports to replay by tool, besides --report (tests give several). */
    final Map<String, Path> replays = new HashMap<>();
    /** The Kubernetes API in use, once started. */
    volatile io.fabric8.kubernetes.client.KubernetesClient kubernetes;

    private final PrintWriter out;
    private final long start = System.nanoTime();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final CountDownLatch firstScan = new CountDownLatch(1);
    private final Map<String, String> phases = new ConcurrentHashMap<>();

    LocalRun(PrintWriter out) {
        this.out = out;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        System.exit(new CommandLine(new LocalRun(out)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Thread stopper = new Thread(this::stop, "local-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            Endpoints endpoints = startAll();
            printWhere(endpoints);
            if (exitAfterFirstScan) {
                firstScan.await();
                return 0;
            }
            new CountDownLatch(1).await();
            return 0;
        } catch (IOException e) {
            out.println("make run: " + e.getMessage());
            return 1;
        } finally {
            stop();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException exiting) {
                // Already shutting down: the hook runs stop() too, which is idempotent.
            }
        }
    }

    /** What a user needs to reach the running assembly. */
    record Endpoints(String apiUrl, String adminKey, Path kubeconfig, String kubernetesUrl) {
    }

    Endpoints startAll() throws Exception {
        Path data = repository.resolve(dataDir).toAbsolutePath().normalize();
        if (clean && Files.exists(data)) {
            step("removing " + data);
            PrivateDirectory.deleteTree(data);
        }
        // Private to this user: 0700 and 0600, also what an earlier run left wider.
        DataDirectory.createDirectories(data);
        DataDirectory.restrict(data);
        DataDirectory.createDirectories(data.resolve("logs"));
        Secrets secrets = Secrets.load(data);
        this.secrets = secrets;

        // What only the API's and the operator's start read: each its own 0600 file, deleted once it is up (and when
        // start-up fails or is interrupted before), never an environment variable or a command line.
        java.util.Properties apiConfig = new java.util.Properties();
        java.util.Properties operatorConfig = new java.util.Properties();
        Map<String, String> apiEnv = new HashMap<>();
        String jdbc = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (jdbc == null || jdbc.isBlank()) {
            step("starting the embedded PostgreSQL on 127.0.0.1, password required (data in " + data.resolve("postgres") + ")");
            LocalDatabases.Postgres pg = LocalDatabases.postgres(data, postgresBinaries(), secrets.postgresPassword());
            started.add(0, pg.server());
            apiEnv.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl());
            apiEnv.put("QUARKUS_DATASOURCE_USERNAME", pg.username());
            apiConfig.setProperty("quarkus.datasource.password", pg.password());
        } else {
            step("using the configured PostgreSQL");
        }
        String bolt = System.getenv("NUBICUSTOS_NEO4J_URI");
        if (bolt == null || bolt.isBlank()) {
            step("starting the embedded Neo4j on 127.0.0.1, authentication on (data in " + data.resolve("neo4j") + ")");
            LocalDatabases.Neo4j neo4j = LocalDatabases.neo4j(data, secrets.neo4jPassword());
            started.add(0, neo4j.server());
            apiEnv.put("NUBICUSTOS_NEO4J_URI", neo4j.boltUri());
            apiEnv.put("NUBICUSTOS_NEO4J_USERNAME", neo4j.username());
            apiConfig.setProperty("nubicustos.neo4j.password", neo4j.password());
        } else {
            step("using the configured Neo4j");
        }

        Path kubeconfig;
        io.fabric8.kubernetes.client.KubernetesClient client;
        Map<String, String> kubernetes;
        InMemoryCluster cluster = null;
        if (useCluster) {
            client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().build();
            started.add(0, client);
            kubeconfig = Path.of(System.getenv().getOrDefault("KUBECONFIG", System.getProperty("user.home") + "/.kube/config"));
            kubernetes = Map.of();
            step("using the cluster at " + client.getMasterUrl() + " (scan pods there must reach the API: set NUBICUSTOS_SCAN_API_URL)");
        } else {
            step("starting the in-memory Kubernetes API on 127.0.0.1, bearer token required");
            kubeconfig = data.resolve("kubeconfig");
            cluster = InMemoryCluster.start(repository, kubeconfig, secrets.kubernetesToken());
            started.add(0, cluster);
            client = cluster.client();
            kubernetes = Map.of("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", cluster.url(), "QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
            apiConfig.setProperty("quarkus.kubernetes-client.token", secrets.kubernetesToken());
            operatorConfig.setProperty("quarkus.kubernetes-client.token", secrets.kubernetesToken());
        }
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("nubicustos-system").endMetadata().build())
                .createOr(existing -> existing.update());
        // The operator signs upload tokens with this key and the API checks them with it: one Secret, as in the chart.
        var uploadKeySecret = client.secrets().inNamespace("nubicustos-system").withName("nubicustos-upload-key").get();
        if (uploadKeySecret == null) {
            uploadKeySecret = client.secrets().inNamespace("nubicustos-system").resource(new SecretBuilder().withNewMetadata()
                    .withName("nubicustos-upload-key").endMetadata().withType("Opaque").addToData("key", secrets.uploadKey()).build()).create();
        }
        String uploadKey = uploadKeySecret.getData().get("key");
        apiEnv.putAll(kubernetes);
        apiEnv.putAll(LOOPBACK_ONLY);
        apiEnv.put("QUARKUS_HTTP_PORT", Integer.toString(apiPort));
        apiEnv.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(apiManagementPort));
        apiConfig.setProperty("nubicustos.api.key-hash-secret", secrets.keyHashSecret());
        apiConfig.setProperty("nubicustos.api.ingest.upload-key", uploadKey);
        // The admin key: nowhere on disk once the API is up.
        apiConfig.setProperty("nubicustos.api.keys.local.value", secrets.adminKey());
        apiConfig.setProperty("nubicustos.api.keys.local.role", "admin");
        Path apiSecrets = startupSecrets(data.resolve("api-secrets.properties"), apiConfig);
        apiEnv.put("QUARKUS_CONFIG_LOCATIONS", apiSecrets.toUri().toString());
        apiEnv.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        apiEnv.put("NUBICUSTOS_ATTACK_PATHS_SYNC_INTERVAL", "5s");
        step("starting the findings API on 127.0.0.1:" + apiPort + " (log: " + data.resolve("logs/api.log") + ")");
        ChildJvm api = ChildJvm.start("the findings API", repository.resolve("src/api/target/quarkus-app/quarkus-run.jar"),
                List.of("-Xmx512m"), apiEnv, data.resolve("logs/api.log"));
        started.add(0, api);

        Map<String, String> operatorEnv = new HashMap<>(kubernetes);
        operatorEnv.putAll(LOOPBACK_ONLY);
        operatorEnv.put("QUARKUS_HTTP_PORT", Integer.toString(operatorPort));
        operatorEnv.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(operatorManagementPort));
        // Leader election is built in for the prod profile only, and one local operator needs none.
        operatorEnv.put("QUARKUS_PROFILE", "local");
        operatorEnv.put("NUBICUSTOS_SCAN_API_URL", "http://127.0.0.1:" + apiPort);
        // The local samples audit the whole cluster from security: the admin's choice, made here for make run.
        operatorEnv.put("NUBICUSTOS_SCAN_CLUSTER_SCOPE_NAMESPACES", "nubicustos-system,security");
        operatorEnv.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        Path operatorSecrets = null;
        if (!operatorConfig.isEmpty()) {
            operatorSecrets = startupSecrets(data.resolve("operator-secrets.properties"), operatorConfig);
            operatorEnv.put("QUARKUS_CONFIG_LOCATIONS", operatorSecrets.toUri().toString());
        }
        step("starting the operator on 127.0.0.1:" + operatorPort + " (log: " + data.resolve("logs/operator.log") + ")");
        ChildJvm operator = ChildJvm.start("the operator", repository.resolve("operator/target/quarkus-app/quarkus-run.jar"),
                List.of("-Xmx384m"), operatorEnv, data.resolve("logs/operator.log"));
        started.add(0, operator);

        try {
            api.awaitReady("http://127.0.0.1:" + apiManagementPort + "/q/health/ready", Duration.ofMinutes(3));
        } finally {
            Files.deleteIfExists(apiSecrets);
        }
        step("the findings API is ready");
        try {
            operator.awaitReady("http://127.0.0.1:" + operatorManagementPort + "/q/health/ready", Duration.ofMinutes(3));
        } finally {
            if (operatorSecrets != null) {
                Files.deleteIfExists(operatorSecrets);
            }
        }
        step("the operator is ready");
        // What the databases created meanwhile, with the modes of this process's umask.
        DataDirectory.restrict(data);

        this.kubernetes = client;
        watchScanJobs(client, secrets.adminKey());
        if (cluster == null) {
            return new Endpoints("http://127.0.0.1:" + apiPort + "/api", secrets.adminKey(), kubeconfig, client.getMasterUrl().toString());
        }
        started.add(0, new LocalDeploymentController(client, this::line).start());
        if (report != null) {
            String tool = io.nubicustos.scanner.parse.ReportFormatDetector.detect(report).tool();
            replays.put(tool, report.toAbsolutePath());
            step("scans of " + tool + " will upload " + report + " instead of running the tool");
        }
        started.add(0, LocalPodRunner.builder(client).kubernetesMaster(cluster.url()).replays(replays).hold(held).log(this::line)
                .workRoot(DataDirectory.createDirectories(data.resolve("pods"))).build().start());
        step("the local pod runner plays the kubelet for scan pods of the scanner image");

        Path sampleDir = samples != null ? samples : repository.resolve("config/local/samples");
        try (Stream<Path> files = Files.list(sampleDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList()) {
                int n = cluster.apply(file).size();
                step("applied " + sampleDir.relativize(file) + " (" + n + " objects)");
            }
        }
        return new Endpoints("http://127.0.0.1:" + apiPort + "/api", secrets.adminKey(), kubeconfig, cluster.url());
    }

    /**
     * The API and the operator listen on 127.0.0.1 only, their management interface too (when it is enabled: health
     * and metrics on a port of their own).
     */
    static final Map<String, String> LOOPBACK_ONLY = Map.of("QUARKUS_HTTP_HOST", "127.0.0.1", "QUARKUS_MANAGEMENT_HOST", "127.0.0.1");

    /** Writes {@code config} to {@code file} (0600), which is deleted when this run stops if it is still there. */
    private Path startupSecrets(Path file, java.util.Properties config) throws IOException {
        Files.deleteIfExists(file);
        DataDirectory.privateFile(file);
        started.add(0, () -> Files.deleteIfExists(file));
        try (var w = Files.newOutputStream(file)) {
            config.store(w, null);
        }
        return file;
    }

    /**
     * Where the embedded PostgreSQL's binaries are unpacked: a directory of this user's (0700), not the shared
     * temporary directory, where anyone could have put binaries of their own first.
     */
    static Path postgresBinaries() {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path root = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return root.resolve("nubicustos").resolve("postgres");
    }

    private void watchScanJobs(io.fabric8.kubernetes.client.KubernetesClient client, String adminKey) {
        client.resources(ScanJob.class).inAnyNamespace().watch(new Watcher<ScanJob>() {
            @Override
            public void eventReceived(Action action, ScanJob job) {
                String name = job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
                // As kubectl shows it (Running, Succeeded), not the enum constant.
                String phase = job.getStatus() == null || job.getStatus().getPhase() == null ? "Pending"
                        : new ObjectMapper().convertValue(job.getStatus().getPhase(), String.class);
                String before = phases.put(name, phase);
                if (phase.equals(before)) {
                    return;
                }
                line("ScanJob " + name + ": " + (before == null ? "" : before + " -> ") + phase);
                if (phase.equals("Succeeded") || phase.equals("Failed")) {
                    if (firstScan.getCount() > 0) {
                        summary(adminKey);
                    }
                    firstScan.countDown();
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // Stopping.
            }
        });
    }

    /** Findings by severity and the top attack path, from the API, once the first scan completed. */
    void summary(String adminKey) {
        try {
            HttpClient http = HttpClient.newHttpClient();
            ObjectMapper json = new ObjectMapper();
            JsonNode summary = json.readTree(get(http, "/api/findings/summary?status=open", adminKey));
            StringBuilder counts = new StringBuilder();
            summary.path("bySeverityAndStatus").fields().forEachRemaining(e -> {
                long n = 0;
                for (JsonNode v : e.getValue()) {
                    n += v.asLong();
                }
                counts.append(counts.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(n);
            });
            line("open findings: " + summary.path("total").asLong() + " (" + counts + ")");
            // The graph is searched right after the run completes; give it a moment.
            for (int i = 0; i < 20; i++) {
                JsonNode paths = json.readTree(get(http, "/api/attack-paths?limit=1", adminKey)).path("items");
                if (paths.size() > 0) {
                    JsonNode top = paths.get(0);
                    line("top attack path (score " + top.path("score").asInt() + "): " + top.path("entry").path("ref").asText() + " -> ... -> "
                            + top.path("target").path("ref").asText() + " in " + top.path("hops").asInt() + " steps");
                    return;
                }
                Thread.sleep(500);
            }
            line("no attack path found yet");
        } catch (IOException e) {
            line("could not read the summary from the API: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String get(HttpClient http, String path, String key) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path)).header("X-API-Key", key).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    void printWhere(Endpoints e) {
        out.println();
        out.println("Nubicustos is running (" + seconds() + " s). Ctrl-C stops everything.");
        out.println("  API            " + e.apiUrl() + "   Swagger UI: " + e.apiUrl() + "/docs");
        out.println("  API key        " + e.adminKey() + "   (admin, for this run only; shown once)");
        out.println("  Kubernetes     " + e.kubernetesUrl() + "   kubeconfig: " + e.kubeconfig());
        out.println("  data           " + repository.resolve(dataDir).toAbsolutePath().normalize());
        out.println("  try            curl -H \"X-API-Key: $KEY\" " + e.apiUrl() + "/findings/summary   (KEY: the key above)");
        out.println();
    }

    private void step(String what) {
        out.println("==> [" + seconds() + " s] " + what);
    }

    private void line(String what) {
        out.println("    " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + what);
    }

    private long seconds() {
        return (System.nanoTime() - start) / 1_000_000_000;
    }

    /** Stops everything started, newest first; safe to call twice. */
    synchronized void stop() {
        while (!started.isEmpty()) {
            AutoCloseable next = started.remove(0);
            try {
                next.close();
            } catch (Exception e) {
                out.println("make run: stopping: " + e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Keys: the API's key-hash secret and the upload key shared by operator and API are made once
     * per data directory (mode 0600, so keys created through the API keep working); the admin key,
     * the in-memory API's bearer token and the databases' passwords are new each run: the admin key
     * is handed to the API in a 0600 file deleted once it is up, and printed once; the token is in
     * the 0600 kubeconfig; the passwords are given to the databases and the API only.
     */
    record Secrets(String keyHashSecret, String uploadKey, String adminKey, String kubernetesToken, String postgresPassword,
            String neo4jPassword) {

        static Secrets load(Path data) throws IOException {
            Path file = data.resolve("secrets.properties");
            java.util.Properties p = new java.util.Properties();
            SecureRandom random = new SecureRandom();
            if (Files.exists(file)) {
                try (var in = Files.newInputStream(file)) {
                    p.load(in);
                }
            } else {
                p.setProperty("key-hash-secret", random(random, 32));
                p.setProperty("upload-key", random(random, 32));
                DataDirectory.privateFile(file);
                try (var w = Files.newOutputStream(file)) {
                    p.store(w, "make run: keys of this data directory");
                }
            }
            return new Secrets(p.getProperty("key-hash-secret"), p.getProperty("upload-key"), "local-" + alphanumeric(random, 24),
                    alphanumeric(random, 32), alphanumeric(random, 24), alphanumeric(random, 24));
        }

        /** Letters and digits only: safe in a SQL literal, a YAML scalar and a header. */
        private static String alphanumeric(SecureRandom random, int bytes) {
            return random(random, bytes).replaceAll("[^A-Za-z0-9]", "");
        }

        private static String random(SecureRandom random, int bytes) {
            byte[] b = new byte[bytes];
            random.nextBytes(b);
            return Base64.getEncoder().encodeToString(b);
        }
    }
}
