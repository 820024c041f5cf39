package io.nubicustos.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nubicustos.model.kubernetes.Labels;

/**
 * The Job controller and the kubelet of {@code make run}: on an in-memory Kubernetes API (Fabric8's
 * mock server in CRUD mode) nobody runs the Jobs the operator creates for ScanJobs, so this does.
 *
 * <p>For each new Job (by default those labelled {@code app.kubernetes.io/managed-by=nubicustos-operator})
 * it creates the Job's pod from its template (Pending, then Running) and, when the pod's only
 * container is this project's scanner image and the pod has no init containers, runs the scanner
 * in-process with the container's arguments: every Secret (or projected Secret) volume the container
 * mounts is written to a private temporary directory (directories 0700, files 0400, deleted
 * afterwards), emptyDir volumes become empty directories there, and every argument under a mount
 * path is rewritten to the local copy. The pod then ends Succeeded or Failed with the container's
 * termination message (the finding counts the operator reads), and the Job gets the status the
 * Job controller would give it ({@code succeeded: 1} and {@code Complete}, or {@code failed: 1} and
 * {@code Failed}). Pods it cannot run (upstream tool images in init containers) fail with reason
 * {@value #CANNOT_RUN}, unless a replay report is configured for the Job's tool: then the scanner's
 * {@code upload} command uploads that report as if the tool had written it to {@code /results}.
 *
 * <p>One scan at a time, on one background thread. The built-in audit builds its own Fabric8 client
 * from system properties ({@code kubernetes.master} and friends), which are set around each run and
 * restored afterwards: while a scan runs, another Fabric8 client auto-configured in this JVM would
 * see them too. Container environment variables are not passed (the scanner takes its
 * configuration from arguments and files; secretKeyRef values are never read). Not simulated:
 * retries up to backoffLimit (a failed pod fails the Job), activeDeadlineSeconds, parallelism.
 *
 * <p>Secret values are never logged: the scanner's output goes to the log sink line by line, with
 * every value of the Secrets it was given replaced by {@code [redacted]}.
 */
public final class LocalPodRunner implements AutoCloseable {

    /** Pod and Job failure reason for images this runner cannot run. */
    public static final String CANNOT_RUN = "LocalRunnerCannotRun";
    /** Pod failure reason for a Secret volume whose Secret or key is missing. */
    public static final String FAILED_MOUNT = "FailedMount";
    public static final String DEFAULT_SCANNER_REPOSITORY = "ghcr.io/nubicustos/scanner";
    public static final String JOB_NAME = "job-name";
    public static final String BATCH_JOB_NAME = "batch.kubernetes.io/job-name";
    public static final String CONTROLLER_UID = "controller-uid";
    public static final String BATCH_CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    public static final String NODE_NAME = "nubicustos-local";
    /** What a secret value becomes in the log and in pod statuses. */
    static final String REDACTED = "[redacted]";

    private final KubernetesClient client;
    private final String kubernetesMaster;
    private final Map<String, String> jobLabels;
    private final Consumer<String> log;
    private final JobController jobController;
    private final KeyedWorker worker;
    private SharedIndexInformer<Job> informer;

    private LocalPodRunner(Builder b) {
        this.client = b.client;
        this.kubernetesMaster = b.kubernetesMaster != null ? b.kubernetesMaster : b.client.getMasterUrl().toString();
        this.jobLabels = Map.copyOf(b.jobLabels);
        this.log = b.log;
        Predicate<String> scannerImage = image -> isScannerImage(image, b.scannerRepositories);
        StatusWriter statuses = new StatusWriter(client, log);
        Kubelet kubelet = new Kubelet(scannerImage, new ReportReplays(b.replays), Set.copyOf(b.held), new ScannerContainer(client, kubernetesMaster,
                client.getConfiguration().getOauthToken(), b.workRoot, log),
                statuses, log);
        this.jobController = new JobController(client, kubelet, statuses, log);
        this.worker = new KeyedWorker("local-pod-runner", log);
    }

    public static Builder builder(KubernetesClient client) {
        return new Builder(client);
    }

    /** Starts watching Jobs; the Jobs that exist already are handled too. */
    public synchronized LocalPodRunner start() {
        if (informer != null) {
            throw new IllegalStateException("already started");
        }
        var jobs = client.batch().v1().jobs().inAnyNamespace();
        informer = jobs.withLabels(jobLabels).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                enqueue(job);
            }

            @Override
            public void onUpdate(Job old, Job job) {
                enqueue(job);
            }

            @Override
            public void onDelete(Job job, boolean deletedFinalStateUnknown) {
                // No garbage collector on the mock API: the Job's pods go with it.
                worker.submit("deleted Job " + job.getMetadata().getName(), () -> jobController.deletePods(job));
            }
        }, 0);
        log.accept("local-pod-runner: watching Jobs labelled " + jobLabels + " on " + kubernetesMaster);
        return this;
    }

    /** Stops watching and interrupts a running scan; its temporary files are deleted before this returns (within 30 s). */
    @Override
    public synchronized void close() {
        if (informer != null) {
            informer.close();
        }
        worker.close(30);
    }

    /** One scan at a time, on the worker thread; a Job already waiting there is not queued twice. */
    private void enqueue(Job job) {
        String namespace = job.getMetadata().getNamespace();
        String name = job.getMetadata().getName();
        if (!JobController.finished(job)) {
            worker.enqueue(namespace + "/" + name, () -> jobController.reconcile(namespace, name));
        }
    }

    /** Whether an image is this project's scanner: its repository (no tag or digest) ends with /scanner or is one of {@code repositories}. */
    public static boolean isScannerImage(String image, Set<String> repositories) {
        if (image == null || image.isBlank()) {
            return false;
        }
        String repository = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        if (repository.lastIndexOf(':') > repository.lastIndexOf('/')) {
            repository = repository.substring(0, repository.lastIndexOf(':'));
        }
        return repository.endsWith("/scanner") || repositories.contains(repository);
    }

    /** For LocalPodRunnerTest, which checks the mapping here: see {@link ContainerPaths#scannerArguments}. */
    static List<String> arguments(Container main, Map<String, Path> mounts, String terminationPath, Path terminationLog) {
        return ContainerPaths.scannerArguments(main, mounts, terminationPath, terminationLog);
    }

    /** For LocalPodRunnerTest, which cleans its work root with it: see {@link PrivateDirectory#deleteTree}. */
    static void deleteTree(Path dir) {
        PrivateDirectory.deleteTree(dir);
    }

    /** Options of a runner; only the client is required. */
    public static final class Builder {
        private final KubernetesClient client;
        private final Set<String> scannerRepositories = Set.of(DEFAULT_SCANNER_REPOSITORY);
        private String kubernetesMaster;
        private final Map<String, Path> replays = new LinkedHashMap<>();
        private final Set<String> held = new java.util.HashSet<>();
        private final Map<String, String> jobLabels = Map.of(Labels.MANAGED_BY, Labels.OPERATOR);
        private Path workRoot;
        private Consumer<String> log = line -> System.err.println(line);

        private Builder(KubernetesClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** The API server the built-in audit reads (default: the client's master URL). */
        public Builder kubernetesMaster(String url) {
            this.kubernetesMaster = url;
            return this;
        }

        /** A report to upload, instead of failing, for Jobs of {@code tool} (its nubicustos.io/tool label) that need an upstream image. */
        public Builder replay(String tool, Path report) {
            if (!Files.isRegularFile(report)) {
                throw new IllegalArgumentException("no such report: " + report);
            }
            replays.put(tool, report);
            return this;
        }

        public Builder replays(Map<String, Path> reports) {
            reports.forEach(this::replay);
            return this;
        }

        /** Tools (nubicustos.io/tool label) whose pods start and keep running until their Job is deleted: a scan that lasts, to cancel. */
        public Builder hold(Set<String> tools) {
            held.addAll(tools);
            return this;
        }

        /** Where each pod's private directory is created (default: java.io.tmpdir). */
        public Builder workRoot(Path dir) {
            this.workRoot = dir;
            return this;
        }

        /** Where the runner's and the scanner's lines go (default: standard error). Secret values are redacted before. */
        public Builder log(Consumer<String> sink) {
            this.log = Objects.requireNonNull(sink);
            return this;
        }

        public LocalPodRunner build() {
            return new LocalPodRunner(this);
        }
    }
}
