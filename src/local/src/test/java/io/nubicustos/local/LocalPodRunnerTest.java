package io.nubicustos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.nubicustos.api.v1alpha1.scanjob.FindingCounts;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.model.kubernetes.Labels;
import io.nubicustos.operator.scanjob.JobState;
import io.nubicustos.operator.scanjob.RunResult;
import io.nubicustos.operator.scanjob.ScanJobFactory;

/**
 * The runner on Fabric8's mock API server, with Jobs built by the operator's own ScanJobFactory and
 * read back with its own JobState and RunResult: the built-in audit runs in-process and uploads to
 * a local fake of the ingest API; an upstream tool image fails clearly; a replay report uploads;
 * no secret value reaches the log.
 */
@EnableKubernetesMockClient(crud = true)
class LocalPodRunnerTest {

    static KubernetesClient client;
    static FakeIngest ingest;
    static Path workRoot;
    static LocalPodRunner runner;
    static Watch watch;
    static final List<String> log = new CopyOnWriteArrayList<>();
    static final Map<String, List<String>> phases = new ConcurrentHashMap<>();

    static final String TOKEN = "planted-upload-token-" + UUID.randomUUID();
    static final String LEAKED_TOKEN = "planted-leaky-token-" + UUID.randomUUID();
    static final String ENV_SECRET = "planted-env-password-" + UUID.randomUUID();

    @BeforeAll
    static void start() throws IOException {
        ingest = new FakeIngest();
        workRoot = Files.createTempDirectory("local-pod-runner-test");
        watch = client.pods().inAnyNamespace().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
                List<String> seen = phases.computeIfAbsent(pod.getMetadata().getName(), n -> new CopyOnWriteArrayList<>());
                if (phase != null && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(phase))) {
                    seen.add(phase);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        create("{apiVersion: v1, kind: Namespace, metadata: {name: victims}}");
        create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: privileged, namespace: victims}
                spec:
                  containers:
                  - {name: app, image: "nginx:latest", securityContext: {privileged: true}}
                """);
        runner = LocalPodRunner.builder(client)
                .workRoot(workRoot)
                .replay("trivy", fixture("trivy/dd_misconfigurations_and_secrets.json"))
                .log(log::add)
                .build()
                .start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (runner != null) {
            runner.close();
        }
        if (watch != null) {
            watch.close();
        }
        if (ingest != null) {
            ingest.close();
        }
        if (workRoot != null) {
            LocalPodRunner.deleteTree(workRoot);
        }
    }

    @Test
    void theBuiltInAuditRunsInProcessAndReportsItsCountsAsTheTerminationMessage() throws IOException {
        ScanJob scanJob = ScanJobs.scanJob("scans", "kubernetes-audit", "kubernetes", "kubernetes", 1);
        String runId = ScanJobs.run(scanJob).uploadId();
        Map<String, String> modes = new ConcurrentHashMap<>();
        ingest.onChunk = () -> modes.putAll(modes(workRoot));
        client.resource(ScanJobs.tokenSecret(scanJob, TOKEN)).create();
        Job job = client.resource(ScanJobs.job(scanJob, ScanJobs.KUBERNETES, ingest.url())).create();

        Job done = awaitFinished(job);

        assertThat(JobState.succeeded(done)).as(log.toString()).isTrue();
        assertThat(JobState.completedAt(done)).isPresent();
        assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
        assertThat(done.getStatus().getActive()).isNull();
        assertThat(done.getStatus().getStartTime()).isNotNull();

        Pod pod = onlyPod(done);
        assertThat(pod.getMetadata().getName()).matches(done.getMetadata().getName() + "-[a-z0-9]{5}");
        assertThat(pod.getMetadata().getLabels())
                .containsEntry("job-name", done.getMetadata().getName())
                .containsEntry("batch.kubernetes.io/job-name", done.getMetadata().getName())
                .containsEntry("controller-uid", done.getMetadata().getUid())
                .containsEntry(Labels.RUN, ScanJobs.run(scanJob).id());
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind() + "/" + o.getName() + "/" + o.getUid() + "/" + o.getController())
                        .isEqualTo("Job/" + done.getMetadata().getName() + "/" + done.getMetadata().getUid() + "/true"));
        assertThat(phases.get(pod.getMetadata().getName())).containsSubsequence("Pending", "Running", "Succeeded");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");

        ContainerStateTerminated terminated = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
        assertThat(terminated.getExitCode()).isZero();
        assertThat(terminated.getReason()).isEqualTo("Completed");
        FindingCounts counts = RunResult.counts(terminated.getMessage()).orElseThrow();
        List<JsonNode> findings = ingest.findings(runId);
        assertThat(findings).isNotEmpty();
        assertThat(counts.getCritical() + counts.getHigh() + counts.getMedium() + counts.getLow() + counts.getInfo())
                .isEqualTo(findings.size());
        assertThat(counts.getCritical()).isEqualTo(findings.stream().filter(f -> f.path("severity").asText().equals("critical")).count());
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.path("checkId").asText()).isEqualTo("privileged-container");
            assertThat(f.path("resource").asText()).isEqualTo("Pod/victims/privileged");
        });
        assertThat(ingest.completions).containsKey(runId);
        assertThat(ingest.chunks(runId)).allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer " + TOKEN));

        // While the scanner ran: the token Secret as a 0400 file in a 0700 directory; afterwards nothing is left.
        assertThat(modes).anySatisfy((file, mode) -> {
            assertThat(file).endsWith("/token");
            assertThat(mode).isEqualTo("r--------");
        });
        assertThat(modes).allSatisfy((file, mode) -> assertThat(mode).isIn("rwx------", "r--------", "rw-------"));
        assertThat(modes.keySet()).noneMatch(f -> modes.get(f).startsWith("rwx") && f.endsWith("/token"));
        try (Stream<Path> left = Files.list(workRoot)) {
            assertThat(left).isEmpty();
        }
        assertThat(String.join("\n", log)).doesNotContain(TOKEN);
    }

    @Test
    void anUpstreamToolImageFailsThePodAndTheJobWithAClearReason() {
        ScanJob scanJob = ScanJobs.scanJob("cloud", "prowler-aws", "prowler", "aws", 2);
        client.resource(ScanJobs.tokenSecret(scanJob, TOKEN)).create();
        Job job = client.resource(ScanJobs.job(scanJob, ScanJobs.PROWLER_AWS, ingest.url())).create();

        Job done = awaitFinished(job);

        assertThat(JobState.failed(done)).isTrue();
        assertThat(JobState.failureReason(done)).isEqualTo(LocalPodRunner.CANNOT_RUN);
        assertThat(JobState.completedAt(done)).isPresent();
        assertThat(done.getStatus().getFailed()).isEqualTo(1);
        assertThat(done.getStatus().getActive()).isNull();
        Pod pod = onlyPod(done);
        assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
        assertThat(pod.getStatus().getReason()).isEqualTo(LocalPodRunner.CANNOT_RUN);
        assertThat(pod.getStatus().getMessage()).contains("prowlercloud/prowler:5.13.1");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getReason()).isEqualTo(LocalPodRunner.CANNOT_RUN);
        assertThat(ingest.chunks(ScanJobs.run(scanJob).uploadId())).isEmpty();

        // The operator prunes old runs by deleting their Jobs; with no garbage collector on the mock API, the runner deletes the pods.
        client.resource(done).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.pods().inNamespace("cloud").list().getItems().isEmpty());
    }

    @Test
    void aReplayReportIsUploadedInsteadOfRunningTheUpstreamTool() {
        ScanJob scanJob = ScanJobs.scanJob("cluster", "trivy-cluster", "trivy", "kubernetes", 3);
        String runId = ScanJobs.run(scanJob).uploadId();
        client.resource(ScanJobs.tokenSecret(scanJob, TOKEN)).create();
        Job job = client.resource(ScanJobs.job(scanJob, ScanJobs.TRIVY_KUBERNETES, ingest.url())).create();

        Job done = awaitFinished(job);

        assertThat(JobState.succeeded(done)).as(log.toString()).isTrue();
        List<JsonNode> findings = ingest.findings(runId);
        assertThat(findings).hasSize(5).allSatisfy(f -> assertThat(f.path("tool").asText()).isEqualTo("trivy"));
        FindingCounts counts = RunResult.counts(onlyPod(done).getStatus().getContainerStatuses().get(0).getState().getTerminated().getMessage())
                .orElseThrow();
        assertThat(counts.getCritical() + counts.getHigh() + counts.getMedium() + counts.getLow() + counts.getInfo()).isEqualTo(5);
    }

    @Test
    void noSecretValueReachesTheLogEvenWhenTheApiEchoesIt() {
        ScanJob scanJob = ScanJobs.scanJob("leaky", "kubernetes-audit", "kubernetes", "kubernetes", 4);
        String runId = ScanJobs.run(scanJob).uploadId();
        // The API answers with the token in its message, which the scanner prints ("chunk 0 refused: ...").
        ingest.refusals.put(runId, "token " + LEAKED_TOKEN + " is not valid");
        create("{apiVersion: v1, kind: Namespace, metadata: {name: leaky}}");
        client.resource(ScanJobs.tokenSecret(scanJob, LEAKED_TOKEN)).create();
        client.resource(new SecretBuilder().withNewMetadata().withName("db").withNamespace("leaky").endMetadata()
                .addToStringData("password", ENV_SECRET).build()).create();
        Job job = ScanJobs.job(scanJob, ScanJobs.KUBERNETES, ingest.url());
        job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().add(new EnvVarBuilder().withName("DB_PASSWORD")
                .withNewValueFrom().withNewSecretKeyRef("password", "db", false).endValueFrom().build());
        job.getSpec().getTemplate().getSpec().getContainers().get(0).setTerminationMessagePolicy("FallbackToLogsOnError");
        job = client.resource(job).create();

        Job done = awaitFinished(job);

        assertThat(JobState.failed(done)).isTrue();
        assertThat(JobState.failureReason(done)).isEqualTo("BackoffLimitExceeded");
        Pod pod = onlyPod(done);
        ContainerStateTerminated terminated = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
        assertThat(terminated.getExitCode()).isEqualTo(3);
        assertThat(terminated.getReason()).isEqualTo("Error");
        // FallbackToLogsOnError: the log's tail, redacted, is the message.
        assertThat(terminated.getMessage()).contains("refused").contains(LocalPodRunner.REDACTED).doesNotContain(LEAKED_TOKEN);
        String all = String.join("\n", log);
        assertThat(all).contains("refused: HTTP 400 token " + LocalPodRunner.REDACTED);
        assertThat(all).doesNotContain(LEAKED_TOKEN).doesNotContain(ENV_SECRET).doesNotContain(TOKEN);
        assertThat(client.getKubernetesSerialization().asJson(client.pods().inAnyNamespace().list()))
                .doesNotContain(LEAKED_TOKEN).doesNotContain(ENV_SECRET);
    }

    @Test
    void argumentsUnderMountsAreRewrittenAndTheTerminationLogAdded() {
        var container = new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("scanner").withImage(ScanJobs.SCANNER_IMAGE)
                .withCommand("scanner", "upload").withArgs("--token-file", "/var/run/nubicustos/upload/token", "--tool", "trivy",
                        "--x=/results/a", "/results/trivy.json", "/resultsx", "/dev/termination-log")
                .build();
        Map<String, Path> mounts = new java.util.TreeMap<>(java.util.Comparator.comparingInt(String::length).reversed()
                .thenComparing(java.util.Comparator.naturalOrder()));
        mounts.put("/results", Path.of("/w/v0"));
        mounts.put("/var/run/nubicustos/upload", Path.of("/w/v2"));
        assertThat(LocalPodRunner.arguments(container, mounts, "/dev/termination-log", Path.of("/w/termination-log")))
                .containsExactly("upload", "--token-file", "/w/v2/token", "--tool", "trivy", "--x=/w/v0/a", "/w/v0/trivy.json",
                        "/resultsx", "/w/termination-log", "--termination-log", "/w/termination-log");
        assertThat(LocalPodRunner.isScannerImage("ghcr.io/nubicustos/scanner:0.1.0", Set.of())).isTrue();
        assertThat(LocalPodRunner.isScannerImage("localhost:5000/nubicustos/scanner@sha256:abc", Set.of())).isTrue();
        assertThat(LocalPodRunner.isScannerImage("registry.example:5000/reporter:1", Set.of("registry.example:5000/reporter"))).isTrue();
        assertThat(LocalPodRunner.isScannerImage("prowlercloud/prowler:5.13.1", Set.of())).isFalse();
        assertThat(LocalPodRunner.isScannerImage("example/scanner-evil:1", Set.of())).isFalse();
    }

    static Job awaitFinished(Job job) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName()).get(),
                        j -> j != null && JobState.finished(j));
    }

    static Pod onlyPod(Job job) {
        List<Pod> pods = client.pods().inNamespace(job.getMetadata().getNamespace()).withLabel("job-name", job.getMetadata().getName())
                .list().getItems();
        assertThat(pods).hasSize(1);
        return pods.get(0);
    }

    static Map<String, String> modes(Path root) {
        Map<String, String> modes = new java.util.HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(f -> !f.equals(root)).toList()) {
                modes.put(root.relativize(f).toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return modes;
    }

    static Path fixture(String name) {
        return Path.of(System.getProperty("nubicustos.root", "../.."), "fixtures", name);
    }

    static void create(String yaml) {
        // "---" first: a document that starts with "{" would be read as JSON.
        client.resource(client.getKubernetesSerialization().unmarshal("---\n" + yaml, HasMetadata.class)).create();
    }
}
