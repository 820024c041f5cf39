package io.nubicustos.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.Pod;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import picocli.CommandLine;

/**
 * {@code make run}'s assembly end to end, without Docker: the real operator and API (their built
 * jars, as child JVMs), embedded PostgreSQL and Neo4j, the in-memory Kubernetes API, the local pod
 * runner and the local samples: a first scan, a second that deduplicates, and a third after the
 * planted weakness is removed; upstream tools' reports replayed through their Jobs; a run in progress
 * cancelled through the API.
 */
class LocalRunE2E {

    static final Path ROOT = Path.of(System.getProperty("nubicustos.root", "../.."));
    static final ObjectMapper JSON = new ObjectMapper();
    static final String STOREFRONT = "Deployment/production/storefront";

    final StringWriter console = new StringWriter();
    LocalRun run;
    String apiUrl;
    String key;
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @AfterEach
    void stop() throws java.io.IOException {
        if (run != null && run.kubernetes != null) {
            // The objects as they were at the end, for when this test fails.
            try {
                var objects = new java.util.ArrayList<io.fabric8.kubernetes.api.model.HasMetadata>();
                objects.addAll(run.kubernetes.resources(ScanJob.class).inAnyNamespace().list().getItems());
                objects.addAll(run.kubernetes.batch().v1().jobs().inAnyNamespace().list().getItems());
                Files.writeString(Path.of("target/local-run-e2e-objects.yaml"), ScanJobs.SERIALIZATION.asYaml(objects));
            } catch (RuntimeException e) {
                Files.writeString(Path.of("target/local-run-e2e-objects.yaml"), "could not list: " + e);
            }
        }
        if (run != null) {
            run.stop();
        }
        // What make run printed and the children's logs, for when this test fails.
        Files.writeString(Path.of("target/local-run-e2e.log"), console.toString());
        for (String log : List.of("api.log", "operator.log")) {
            if (Files.exists(data.resolve("logs").resolve(log))) {
                Files.copy(data.resolve("logs").resolve(log), Path.of("target/local-run-e2e-" + log), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    JsonNode get(String path, String apiKey) throws Exception {
        HttpResponse<String> response = send(path, apiKey);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    HttpResponse<String> send(String path, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl.replace("/api", "") + path));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    ScanJob awaitRun(String namespace, String name, String runId) {
        return Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> run.kubernetes.resources(ScanJob.class).inNamespace(namespace).withName(name).get(),
                        s -> s.getStatus().getLastRun() != null && runId.equals(s.getStatus().getLastRun().getId())
                                && s.getStatus().getLastRun().getCompletedAt() != null);
    }

    static long total(ScanJob scanJob) {
        var c = scanJob.getStatus().getLastRun().getFindings();
        return java.util.stream.Stream.of(c.getCritical(), c.getHigh(), c.getMedium(), c.getLow(), c.getInfo())
                .mapToLong(n -> n == null ? 0 : n).sum();
    }

    Set<String> open(String resource) throws Exception {
        Set<String> checks = new HashSet<>();
        get("/api/findings?scope=security&status=open&resource=" + resource + "&limit=500", key).path("items")
                .forEach(f -> checks.add(f.path("checkId").asText()));
        return checks;
    }

    /** Open findings of the sample scope: check and resource to the finding id. */
    Map<String, Long> openFindings() throws Exception {
        Map<String, Long> open = new java.util.TreeMap<>();
        get("/api/findings?scope=security&tool=kubernetes&status=open&limit=500", key).path("items")
                .forEach(f -> open.put(f.path("checkId").asText() + " " + f.path("resource").asText(), f.path("id").asLong()));
        return open;
    }

    /** A spec change is a new generation, and a one-off ScanJob runs once per generation. */
    void bumpGeneration(String timeout) {
        run.kubernetes.resources(ScanJob.class).inNamespace("security").withName("kubernetes-audit")
                .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                        "{\"spec\":{\"timeout\":\"" + timeout + "\"}}");
    }

    @Test
    void aScanGoesThroughTheRealOperatorIntoTheRealApiAndPathsAndRunsAgain() throws Exception {
        run = new LocalRun(new PrintWriter(console, true));
        new CommandLine(run).parseArgs("--repository", ROOT.toString(), "--data-dir", data.toString(), "--api-port",
                Integer.toString(LocalDatabases.freePort()), "--operator-port", Integer.toString(LocalDatabases.freePort()),
                "--api-management-port", Integer.toString(LocalDatabases.freePort()), "--operator-management-port",
                Integer.toString(LocalDatabases.freePort()));
        run.replays.put("prowler", ROOT.resolve("fixtures/prowler/upstream_example_output_kubernetes.ocsf.json"));
        run.replays.put("trivy", ROOT.resolve("fixtures/trivy/dd_kubernetes.json"));
        run.held.add("kubescape");
        LocalRun.Endpoints endpoints = run.startAll();
        apiUrl = endpoints.apiUrl();
        key = endpoints.adminKey();

        // The in-memory API answers this run's token only, which the 0600 kubeconfig holds.
        String uploadKeyPath = endpoints.kubernetesUrl() + "/api/v1/namespaces/nubicustos-system/secrets/nubicustos-upload-key";
        assertThat(http.send(HttpRequest.newBuilder(URI.create(uploadKeyPath)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("no token").isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(uploadKeyPath)).header("Authorization", "Bearer local").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("a wrong token").isEqualTo(401);
        assertThat(Files.readString(endpoints.kubeconfig())).contains("token: " + run.secrets.kubernetesToken());

        // The sample audit: its Job and pod as the operator made them, restricted.
        ScanJob first = awaitRun("security", "kubernetes-audit", "g1");
        assertThat(first.getStatus().getLastRun().getOutcome()).isEqualTo("Succeeded");
        Job job = run.kubernetes.batch().v1().jobs().inNamespace("security").withName(first.getStatus().getLastRun().getJob()).get();
        var podSpec = job.getSpec().getTemplate().getSpec();
        assertThat(podSpec.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(podSpec.getContainers()).allSatisfy(c -> {
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
        });
        List<Pod> pods = run.kubernetes.pods().inNamespace("security").withLabel("job-name", job.getMetadata().getName()).list().getItems();
        assertThat(pods).singleElement().satisfies(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Succeeded"));

        // Its findings are in the API, for a key only; the ScanJob's status carries their counts.
        assertThat(send("/api/findings", null).statusCode()).isEqualTo(401);
        JsonNode summary = get("/api/findings/summary?scope=security", key);
        long total = summary.path("total").asLong();
        assertThat(total).isPositive().isEqualTo(total(first));
        assertThat(open(STOREFRONT)).contains("privileged-container", "run-as-root", "latest-image-tag");

        // The expected attack path: from the Internet through the exposed pod to cluster-admin.
        JsonNode admin = Awaitility.await().atMost(Duration.ofMinutes(1)).ignoreExceptions()
                .until(() -> get("/api/attack-paths?scope=security&targetKind=Identity", key).path("items"), items -> items.size() > 0).get(0);
        JsonNode path = get("/api/attack-paths/" + admin.path("id").asText(), key);
        List<String> refs = path.path("nodes").findValuesAsText("ref");
        assertThat(refs).startsWith("Internet").contains(STOREFRONT).endsWith("ClusterRole//cluster-admin");

        // A second run of the same ScanJob: the same findings, seen again, nothing new and nothing fixed.
        Map<String, Long> openAfterFirst = openFindings();
        bumpGeneration("11m");
        ScanJob second = awaitRun("security", "kubernetes-audit", "g2");
        assertThat(second.getStatus().getLastRun().getOutcome()).isEqualTo("Succeeded");
        assertThat(total(second)).isEqualTo(total);
        assertThat(openFindings()).isEqualTo(openAfterFirst);
        JsonNode runs = get("/api/scans?namespace=security&scanJob=kubernetes-audit", key).path("items");
        assertThat(runs).hasSize(2);
        JsonNode secondDiff = get("/api/scans/" + runs.get(1).path("id").asText() + "/diff/" + runs.get(0).path("id").asText(), key);
        assertThat(secondDiff.path("added").path("count").asLong()).isZero();
        assertThat(secondDiff.path("fixed").path("count").asLong()).isZero();
        assertThat(secondDiff.path("unchanged").asLong()).isEqualTo(total);

        // The storefront stops running privileged: the third run marks exactly that finding fixed.
        Set<String> storefrontBefore = open(STOREFRONT);
        run.kubernetes.apps().deployments().inNamespace("production").withName("storefront").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().setPrivileged(false);
            return d;
        });
        Awaitility.await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> run.kubernetes.pods().inNamespace("production")
                .withLabel("app", "storefront").list().getItems().stream()
                .allMatch(p -> Boolean.FALSE.equals(p.getSpec().getContainers().get(0).getSecurityContext().getPrivileged())));
        // The API keeps a run's start to the second (as the ScanJob's status has it), orders runs by it and resolves what was
        // last seen before it: a third run starting within the second of the second's upload ties with it. Not what this test
        // is about (reported apart); a second and a bit between them.
        Thread.sleep(1_100);
        bumpGeneration("12m");
        // Upstream tools too: the operator's Job for each, whose scanner container uploads the tool's report through the
        // scanner's upload code, as in a cluster; the local runner replays a real report where the tool would have written it.
        for (String tool : List.of("prowler", "trivy")) {
            run.kubernetes.resource(ScanJobs.SERIALIZATION.unmarshal("""
                    apiVersion: nubicustos.io/v1alpha1
                    kind: ScanJob
                    metadata: {name: %s-cluster, namespace: security}
                    spec: {tool: %s, provider: kubernetes, profile: comprehensive}
                    """.formatted(tool, tool), ScanJob.class)).create();
        }
        ScanJob third = awaitRun("security", "kubernetes-audit", "g3");
        assertThat(third.getStatus().getLastRun().getOutcome()).isEqualTo("Succeeded");
        runs = get("/api/scans?namespace=security&scanJob=kubernetes-audit", key).path("items");
        JsonNode thirdDiff = get("/api/scans/" + runs.get(1).path("id").asText() + "/diff/" + runs.get(0).path("id").asText(), key);
        assertThat(thirdDiff.path("added").path("count").asLong()).as(thirdDiff.toString()).isZero();
        assertThat(thirdDiff.path("fixed").path("items").findValuesAsText("checkId")).containsExactly("privileged-container");
        assertThat(thirdDiff.path("fixed").path("items").findValuesAsText("resource")).containsExactly(STOREFRONT);
        Set<String> storefrontAfter = new HashSet<>(storefrontBefore);
        storefrontAfter.remove("privileged-container");
        assertThat(open(STOREFRONT)).isEqualTo(storefrontAfter);
        Map<String, Long> openAfterThird = openFindings();
        assertThat(openAfterThird).hasSize(openAfterFirst.size() - 1);
        assertThat(openAfterFirst).containsAllEntriesOf(openAfterThird);
        JsonNode fixed = get("/api/findings?scope=security&tool=kubernetes&status=resolved&limit=500", key).path("items");
        assertThat(fixed).singleElement().satisfies(f -> {
            assertThat(f.path("checkId").asText()).isEqualTo("privileged-container");
            assertThat(f.path("fixedAt").isNull()).isFalse();
        });

        for (String tool : List.of("prowler", "trivy")) {
            ScanJob replayed = awaitRun("security", tool + "-cluster", "g1");
            assertThat(replayed.getStatus().getLastRun().getOutcome()).as(tool).isEqualTo("Succeeded");
            assertThat(total(replayed)).as(tool).isPositive()
                    .isEqualTo(get("/api/findings/summary?scope=security&tool=" + tool, key).path("total").asLong());
        }

        // A run in progress is cancelled through the API: listed from its start, its Job goes, it ends Cancelled everywhere.
        run.kubernetes.resource(ScanJobs.SERIALIZATION.unmarshal("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: kubescape-cluster, namespace: security}
                spec: {tool: kubescape, provider: kubernetes}
                """, ScanJob.class)).create();
        JsonNode running = Awaitility.await().atMost(Duration.ofMinutes(1)).ignoreExceptions()
                .until(() -> get("/api/scans?namespace=security&scanJob=kubescape-cluster", key).path("items").get(0),
                        r -> "running".equals(r.path("outcome").asText()));
        String heldJob = Awaitility.await().atMost(Duration.ofMinutes(1)).ignoreExceptions()
                .until(() -> run.kubernetes.resources(ScanJob.class).inNamespace("security").withName("kubescape-cluster").get()
                        .getStatus().getLastRun().getJob(), j -> j != null);
        Awaitility.await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> run.kubernetes.pods().inNamespace("security")
                .withLabel("job-name", heldJob).list().getItems().get(0).getStatus().getPhase(), "Running"::equals);
        HttpResponse<String> cancel = http.send(HttpRequest.newBuilder(URI.create(apiUrl.replace("/api", "") + "/api/scans/"
                + running.path("id").asText())).header("X-API-Key", key).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        ScanJob cancelled = awaitRun("security", "kubescape-cluster", "g1");
        assertThat(cancelled.getStatus().getLastRun().getOutcome()).isEqualTo("Cancelled");
        assertThat(cancelled.getStatus().getPhase()).isEqualTo(io.nubicustos.api.v1alpha1.scanjob.ScanPhase.SUSPENDED);
        Awaitility.await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertThat(run.kubernetes.batch().v1().jobs().inNamespace("security").withName(heldJob).get()).isNull();
            assertThat(run.kubernetes.pods().inNamespace("security").withLabel("job-name", heldJob).list().getItems()).isEmpty();
        });
        assertThat(get("/api/scans/" + running.path("id").asText(), key).path("outcome").asText()).isEqualTo("cancelled");
        assertThat(run.kubernetes.v1().events().inNamespace("security").list().getItems())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("RunCancelled"));

        // Other users of the machine: every socket of the run listens on 127.0.0.1, the data directory is the user's alone,
        // and this run's passwords and token are on no command line, on the console or in a log; the token in the kubeconfig only.
        List<ProcessHandle> processes = new java.util.ArrayList<>(LocalProcesses.ours());
        processes.addAll(LocalProcesses.postgres(data.resolve("postgres")));
        var sockets = LocalProcesses.listening(processes);
        assertThat(sockets.values().stream().mapToLong(List::size).sum()).as("the API, the operator, the in-memory API, PostgreSQL, Bolt")
                .isGreaterThanOrEqualTo(5);
        assertThat(sockets.values()).allSatisfy(addresses -> assertThat(addresses).allMatch(a -> a.startsWith("127.0.0.1:"), "on 127.0.0.1"));
        for (int port : List.of(URI.create(apiUrl).getPort(), URI.create(endpoints.kubernetesUrl()).getPort())) {
            assertThat(LocalProcesses.listeningOn(port)).containsExactly("127.0.0.1:" + port);
        }
        try (var tree = Files.walk(data)) {
            for (Path p : tree.toList()) {
                String mode = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    assertThat(mode).as(p.toString()).isEqualTo("rwx------");
                } else if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    assertThat(mode).as(p.toString()).isEqualTo("rw-------");
                }
            }
        }
        // Where a value turns up is named, never the value: a failure's report is a log too.
        LocalRun.Secrets secrets = run.secrets;
        Map<String, String> planted = new java.util.LinkedHashMap<>();
        planted.put("the PostgreSQL password", secrets.postgresPassword());
        planted.put("the Neo4j password", secrets.neo4jPassword());
        planted.put("the in-memory API's token", secrets.kubernetesToken());
        planted.put("the admin key", key);
        planted.put("the key-hash secret", secrets.keyHashSecret());
        planted.put("the upload key", secrets.uploadKey());
        List<String> leaks = new java.util.ArrayList<>();
        for (ProcessHandle p : processes) {
            String commandLine = LocalProcesses.commandLine(p);
            planted.forEach((what, value) -> {
                if (commandLine.contains(value)) {
                    leaks.add(what + " on the command line of " + p.info().command().orElse("pid " + p.pid()));
                }
            });
        }
        String printedOnce = console.toString().replace(key, "");
        planted.forEach((what, value) -> {
            if (printedOnce.contains(value)) {
                leaks.add(what + " on the console (the admin key: more than once)");
            }
        });
        try (var tree = Files.walk(data)) {
            for (Path p : tree.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1);
                String name = data.relativize(p).toString();
                for (String what : List.of("the PostgreSQL password", "the Neo4j password", "the admin key", "the in-memory API's token")) {
                    if (content.contains(planted.get(what)) && !(name.equals("kubeconfig") && what.equals("the in-memory API's token"))) {
                        leaks.add(what + " in " + name);
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();

        // Nothing secret on the console: not the upload key, not the key-hash secret; no secrets file left.
        String printed = console.toString();
        String uploadKey = run.kubernetes.secrets().inNamespace("nubicustos-system").withName("nubicustos-upload-key").get().getData().get("key");
        assertThat(printed).doesNotContain(uploadKey).doesNotContain(LocalRun.Secrets.load(data).keyHashSecret()).doesNotContain(key);
        assertThat(Files.exists(data.resolve("api-secrets.properties"))).isFalse();
        assertThat(Files.exists(data.resolve("operator-secrets.properties"))).isFalse();
    }
}
