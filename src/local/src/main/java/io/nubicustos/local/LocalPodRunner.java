package io.nubicustos.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nubicustos.scanner.ScannerCommand;

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
    public static final String TOOL_LABEL = "nubicustos.io/tool";
    public static final String NODE_NAME = "nubicustos-local";
    static final String DEFAULT_TERMINATION_LOG = "/dev/termination-log";
    static final String REDACTED = "[redacted]";
    /** The kubelet keeps at most 4096 bytes of a termination message. */
    static final int MAX_MESSAGE = 4096;
    private static final int LOG_TAIL = 80;
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("r--------");
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    /** System properties are global: runs of every runner in this JVM take turns. */
    private static final Object SCANNER_LOCK = new Object();

    private final KubernetesClient client;
    private final Predicate<String> scannerImage;
    private final String kubernetesMaster;
    private final Map<String, Path> replays;
    private final Map<String, String> jobLabels;
    private final Path workRoot;
    private final Consumer<String> log;
    private final ExecutorService worker;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private SharedIndexInformer<Job> informer;

    private LocalPodRunner(Builder b) {
        this.client = b.client;
        this.scannerImage = b.scannerImage != null ? b.scannerImage : image -> isScannerImage(image, b.scannerRepositories);
        this.kubernetesMaster = b.kubernetesMaster != null ? b.kubernetesMaster : b.client.getMasterUrl().toString();
        this.replays = Map.copyOf(b.replays);
        this.jobLabels = Map.copyOf(b.jobLabels);
        this.workRoot = b.workRoot;
        this.log = b.log;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "local-pod-runner");
            t.setDaemon(true);
            return t;
        });
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
        informer = (jobLabels.isEmpty() ? jobs : jobs.withLabels(jobLabels)).inform(new ResourceEventHandler<>() {
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
                try {
                    worker.execute(() -> deletePods(job));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // closed
                }
            }
        }, 0);
        log.accept("local-pod-runner: watching Jobs" + (jobLabels.isEmpty() ? "" : " labelled " + jobLabels) + " on " + kubernetesMaster);
        return this;
    }

    /** Stops watching and interrupts a running scan; its temporary files are deleted before this returns (within 30 s). */
    @Override
    public synchronized void close() {
        if (informer != null) {
            informer.close();
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The Job controller

    private void enqueue(Job job) {
        String namespace = job.getMetadata().getNamespace();
        String name = job.getMetadata().getName();
        if (finished(job) || !queued.add(namespace + "/" + name)) {
            return;
        }
        try {
            worker.execute(() -> {
                queued.remove(namespace + "/" + name);
                try {
                    reconcile(namespace, name);
                } catch (RuntimeException e) {
                    log.accept("local-pod-runner: Job " + namespace + "/" + name + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queued.remove(namespace + "/" + name);
        }
    }

    void reconcile(String namespace, String name) {
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        if (job == null || finished(job) || job.getMetadata().getDeletionTimestamp() != null
                || (job.getSpec() != null && Boolean.TRUE.equals(job.getSpec().getSuspend()))) {
            return;
        }
        List<Pod> pods = client.pods().inNamespace(namespace).withLabel(CONTROLLER_UID, job.getMetadata().getUid()).list().getItems();
        Optional<Pod> live = pods.stream().filter(p -> !terminal(p)).findFirst();
        if (live.isEmpty() && !pods.isEmpty()) {
            // The pod ended but the Job was not updated (a restart in between): finish the Job from it.
            Pod ended = pods.get(pods.size() - 1);
            boolean ok = "Succeeded".equals(ended.getStatus().getPhase());
            finishJob(job, ok, ok ? null : Objects.requireNonNullElse(ended.getStatus().getReason(), "BackoffLimitExceeded"),
                    ok ? null : Objects.requireNonNullElse(ended.getStatus().getMessage(), "Job has reached the specified backoff limit"));
            return;
        }
        run(job, live.orElseGet(() -> createPod(job)));
    }

    private Pod createPod(Job job) {
        String namespace = job.getMetadata().getNamespace();
        String jobName = job.getMetadata().getName();
        String uid = job.getMetadata().getUid();
        var template = job.getSpec().getTemplate();
        Map<String, String> labels = new LinkedHashMap<>();
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            labels.putAll(template.getMetadata().getLabels());
        }
        labels.put(JOB_NAME, jobName);
        labels.put(BATCH_JOB_NAME, jobName);
        labels.put(CONTROLLER_UID, uid);
        labels.put(BATCH_CONTROLLER_UID, uid);
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(jobName + "-" + randomSuffix())
                .withNamespace(namespace)
                .withLabels(labels)
                .withAnnotations(template.getMetadata() == null ? null : template.getMetadata().getAnnotations())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job").withName(jobName).withUid(uid)
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withSpec(client.getKubernetesSerialization().clone(template.getSpec()))
                .build();
        pod.getSpec().setNodeName(NODE_NAME);
        pod = client.pods().inNamespace(namespace).resource(pod).create();
        String now = now();
        pod = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).editStatus(p -> {
            p.setStatus(new PodStatusBuilder().withPhase("Pending").withQosClass("Burstable")
                    .withConditions(condition("PodScheduled", true, now)).build());
            return p;
        });
        client.batch().v1().jobs().inNamespace(namespace).withName(jobName).editStatus(j -> {
            JobStatus status = status(j);
            status.setActive(1);
            status.setReady(0);
            status.setStartTime(status.getStartTime() != null ? status.getStartTime() : now);
            return j;
        });
        log.accept("local-pod-runner: Job " + namespace + "/" + jobName + ": created pod " + pod.getMetadata().getName());
        return pod;
    }

    private void finishJob(Job job, boolean succeeded, String reason, String message) {
        String now = now();
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName()).editStatus(j -> {
            JobStatus status = status(j);
            status.setActive(null);
            status.setReady(0);
            if (succeeded) {
                status.setSucceeded(1);
                status.setCompletionTime(now);
                addCondition(status, "SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", now);
                addCondition(status, "Complete", "CompletionsReached", "Reached expected number of succeeded pods", now);
            } else {
                status.setFailed(1);
                addCondition(status, "FailureTarget", reason, message, now);
                addCondition(status, "Failed", reason, message, now);
            }
            return j;
        });
        log.accept("local-pod-runner: Job " + job.getMetadata().getNamespace() + "/" + job.getMetadata().getName()
                + (succeeded ? " complete" : " failed (" + reason + ")"));
    }

    private void deletePods(Job job) {
        try {
            client.pods().inNamespace(job.getMetadata().getNamespace()).withLabel(CONTROLLER_UID, job.getMetadata().getUid()).delete();
        } catch (KubernetesClientException e) {
            log.accept("local-pod-runner: cannot delete the pods of Job " + job.getMetadata().getName() + ": HTTP " + e.getCode());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The kubelet

    private void run(Job job, Pod pod) {
        List<Container> containers = pod.getSpec().getContainers();
        List<Container> inits = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        Container main = containers.size() == 1 ? containers.get(0) : null;
        if (main == null || !scannerImage.test(main.getImage())) {
            String image = containers.stream().map(Container::getImage).filter(i -> !scannerImage.test(i)).findFirst().orElse("?");
            cannotRun(job, pod, "image " + image + (containers.size() > 1 ? " (one of " + containers.size() + " containers)" : "")
                    + " is not the scanner image: the local pod runner runs only this project's scanner, in-process");
            return;
        }
        Path replay = null;
        if (!inits.isEmpty()) {
            String tool = pod.getMetadata().getLabels().get(TOOL_LABEL);
            replay = tool == null ? null : replays.get(tool);
            List<String> mainArgs = main.getArgs() == null ? List.of() : main.getArgs();
            if (replay == null || mainArgs.isEmpty() || !"upload".equals(mainArgs.get(0))) {
                cannotRun(job, pod, "init container " + inits.get(0).getName() + " runs image " + inits.get(0).getImage()
                        + ", which the local pod runner cannot run" + (tool == null ? "" : " (no replay report configured for tool " + tool + ")"));
                return;
            }
        }
        runScanner(job, pod, main, replay);
    }

    private void cannotRun(Job job, Pod pod, String message) {
        log.accept("local-pod-runner: pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + ": " + message);
        String now = now();
        finishPod(pod, pod.getSpec().getContainers().get(0), false, 1, CANNOT_RUN, message, CANNOT_RUN, message, now, now);
        finishJob(job, false, CANNOT_RUN, message);
    }

    private void runScanner(Job job, Pod pod, Container main, Path replay) {
        String namespace = pod.getMetadata().getNamespace();
        String podName = pod.getMetadata().getName();
        String started = now();
        markRunning(job, pod, main, started);
        Set<String> secrets = new LinkedHashSet<>();
        LineSink output = new LineSink(line -> log.accept("[" + namespace + "/" + podName + "] " + line), secrets);
        Path dir = null;
        int exit;
        String message = null;
        String failure = null;
        try {
            dir = workRoot != null ? Files.createTempDirectory(Files.createDirectories(workRoot), "pod-", attributes(DIR_MODE))
                    : Files.createTempDirectory("nubicustos-pod-", attributes(DIR_MODE));
            Map<String, Path> mounts = materialize(pod, main, dir, secrets);
            String terminationPath = main.getTerminationMessagePath() != null ? main.getTerminationMessagePath() : DEFAULT_TERMINATION_LOG;
            Path terminationLog = Optional.ofNullable(local(terminationPath, mounts)).map(Path::of).orElse(dir.resolve("termination-log"));
            List<String> args = arguments(main, mounts, terminationPath, terminationLog);
            if (replay != null) {
                String report = local(main.getArgs().get(main.getArgs().size() - 1), mounts);
                if (report == null) {
                    throw new MountException(CANNOT_RUN, "the scanner's report argument is not under a volume mount");
                }
                Files.createDirectories(Path.of(report).getParent());
                Files.copy(replay, Path.of(report), StandardCopyOption.REPLACE_EXISTING);
                log.accept("local-pod-runner: pod " + namespace + "/" + podName + ": replaying " + replay.getFileName());
            }
            log.accept("local-pod-runner: pod " + namespace + "/" + podName + ": scanner " + output.redact(String.join(" ", args)));
            exit = execute(args, output);
            output.flush();
            if (Files.isRegularFile(terminationLog)) {
                message = output.redact(readBounded(terminationLog));
            }
            if ((message == null || message.isBlank()) && exit != 0 && "FallbackToLogsOnError".equals(main.getTerminationMessagePolicy())) {
                message = output.tail();
            }
        } catch (MountException e) {
            exit = 1;
            failure = e.reason;
            message = output.redact(e.getMessage());
            log.accept("local-pod-runner: pod " + namespace + "/" + podName + ": " + message);
        } catch (IOException | UncheckedIOException e) {
            exit = 1;
            failure = "Error";
            message = "local pod runner: " + e.getClass().getSimpleName() + ": " + output.redact(String.valueOf(e.getMessage()));
            log.accept("local-pod-runner: pod " + namespace + "/" + podName + ": " + message);
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
        boolean ok = exit == 0 && failure == null;
        String reason = failure != null ? failure : ok ? "Completed" : "Error";
        finishPod(pod, main, ok, exit, reason, message, failure, failure == null ? null : message, started, now());
        finishJob(job, ok, CANNOT_RUN.equals(failure) ? CANNOT_RUN : "BackoffLimitExceeded",
                CANNOT_RUN.equals(failure) ? message : "Job has reached the specified backoff limit");
    }

    private int execute(List<String> args, LineSink output) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kubernetes.master", kubernetesMaster);
        properties.put("kubernetes.trust.certificates", "true");
        properties.put("kubernetes.disable.hostname.verification", "true");
        properties.put("kubernetes.auth.tryKubeConfig", "false");
        properties.put("kubernetes.auth.tryServiceAccount", "false");
        synchronized (SCANNER_LOCK) {
            Map<String, String> saved = new HashMap<>();
            properties.forEach((k, v) -> saved.put(k, System.setProperty(k, v)));
            try (PrintWriter out = new PrintWriter(output, true)) {
                picocli.CommandLine commandLine = ScannerCommand.commandLine();
                commandLine.setOut(out);
                commandLine.setErr(out);
                return commandLine.execute(args.toArray(String[]::new));
            } finally {
                saved.forEach((k, v) -> {
                    if (v == null) {
                        System.clearProperty(k);
                    } else {
                        System.setProperty(k, v);
                    }
                });
            }
        }
    }

    private void markRunning(Job job, Pod pod, Container main, String started) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).editStatus(p -> {
            PodStatus status = p.getStatus() != null ? p.getStatus() : new PodStatus();
            status.setPhase("Running");
            status.setStartTime(started);
            status.setHostIP("127.0.0.1");
            status.setPodIP("127.0.0.1");
            status.setConditions(List.of(condition("PodScheduled", true, started), condition("Initialized", true, started),
                    condition("ContainersReady", true, started), condition("Ready", true, started)));
            status.setContainerStatuses(List.of(containerStatus(p, main, true).withNewState().withNewRunning(started).endState().build()));
            p.setStatus(status);
            return p;
        });
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName()).editStatus(j -> {
            status(j).setReady(1);
            status(j).setActive(1);
            return j;
        });
    }

    private void finishPod(Pod pod, Container main, boolean succeeded, int exit, String reason, String message, String podReason,
            String podMessage, String started, String finished) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).editStatus(p -> {
            PodStatus status = p.getStatus() != null ? p.getStatus() : new PodStatus();
            status.setPhase(succeeded ? "Succeeded" : "Failed");
            status.setReason(podReason);
            status.setMessage(podMessage);
            if (status.getStartTime() == null) {
                status.setStartTime(started);
            }
            status.setConditions(List.of(condition("PodScheduled", true, started), condition("Initialized", true, started),
                    notReady("ContainersReady", finished), notReady("Ready", finished)));
            status.setContainerStatuses(List.of(containerStatus(p, main, false).withNewState().withNewTerminated()
                    .withExitCode(exit).withReason(reason).withMessage(message).withStartedAt(started).withFinishedAt(finished)
                    .withContainerID("local://" + p.getMetadata().getUid()).endTerminated().endState().build()));
            p.setStatus(status);
            return p;
        });
        log.accept("local-pod-runner: pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " "
                + (succeeded ? "Succeeded" : "Failed") + " (exit " + exit + ", " + reason + ")");
    }

    // ---------------------------------------------------------------------------------------------
    // Volumes and arguments

    /** Writes the container's volumes under {@code dir}; returns mount path to local path, longest mount path first. */
    private Map<String, Path> materialize(Pod pod, Container container, Path dir, Set<String> secrets) throws IOException {
        Map<String, Path> mounts = new TreeMap<>(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        Map<String, Path> written = new HashMap<>();
        Path volumes = Files.createDirectory(dir.resolve("volumes"), attributes(DIR_MODE));
        String namespace = pod.getMetadata().getNamespace();
        for (VolumeMount mount : container.getVolumeMounts() == null ? List.<VolumeMount>of() : container.getVolumeMounts()) {
            Volume volume = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow(() -> new MountException(CANNOT_RUN, "volume " + mount.getName() + " is mounted but not defined"));
            Path target = written.get(volume.getName());
            if (target == null) {
                // Volume names are DNS labels; anything else gets a neutral name.
                String local = volume.getName().matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?") ? volume.getName() : "_volume-" + written.size();
                target = Files.createDirectory(volumes.resolve(local), attributes(DIR_MODE));
                written.put(volume.getName(), target);
                if (volume.getEmptyDir() != null) {
                    // nothing to write
                } else if (volume.getSecret() != null) {
                    var s = volume.getSecret();
                    writeSecret(namespace, s.getSecretName(), s.getItems(), Boolean.TRUE.equals(s.getOptional()), target, secrets);
                } else if (volume.getProjected() != null) {
                    for (VolumeProjection source : volume.getProjected().getSources()) {
                        if (source.getSecret() == null) {
                            throw new MountException(CANNOT_RUN, "volume " + volume.getName() + " projects something other than a Secret");
                        }
                        var s = source.getSecret();
                        writeSecret(namespace, s.getName(), s.getItems(), Boolean.TRUE.equals(s.getOptional()), target, secrets);
                    }
                } else {
                    throw new MountException(CANNOT_RUN, "volume " + volume.getName() + " is of a type the local pod runner does not provide");
                }
            }
            Path local = mount.getSubPath() == null || mount.getSubPath().isEmpty() ? target : target.resolve(relative(mount.getSubPath()));
            String path = mount.getMountPath().length() > 1 && mount.getMountPath().endsWith("/")
                    ? mount.getMountPath().substring(0, mount.getMountPath().length() - 1) : mount.getMountPath();
            mounts.put(path, local);
        }
        return mounts;
    }

    private void writeSecret(String namespace, String name, List<KeyToPath> items, boolean optional, Path target, Set<String> secrets)
            throws IOException {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            if (optional) {
                return;
            }
            throw new MountException(FAILED_MOUNT, "secret " + namespace + "/" + name + " not found");
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        if (secret.getStringData() != null) {
            // The mock API server keeps stringData as it was written; a real one merges it into data.
            secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        List<KeyToPath> wanted = items == null || items.isEmpty()
                ? data.keySet().stream().map(k -> new KeyToPath(k, null, k)).toList() : items;
        for (KeyToPath item : wanted) {
            byte[] value = data.get(item.getKey());
            if (value == null) {
                if (optional) {
                    continue;
                }
                throw new MountException(FAILED_MOUNT, "secret " + namespace + "/" + name + " has no key " + item.getKey());
            }
            String text = new String(value, StandardCharsets.UTF_8);
            secrets.add(text);
            secrets.add(text.trim());
            text.lines().map(String::trim).forEach(secrets::add);
            Path file = target.resolve(relative(item.getPath()));
            if (!Files.isDirectory(file.getParent())) {
                Files.createDirectories(file.getParent(), attributes(DIR_MODE));
            }
            Files.createFile(file, attributes(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, value);
            Files.setPosixFilePermissions(file, FILE_MODE);
        }
    }

    /** The scanner's arguments: the container's command without its executable, then its args, paths mapped to the local copies. */
    static List<String> arguments(Container main, Map<String, Path> mounts, String terminationPath, Path terminationLog) {
        List<String> raw = new ArrayList<>();
        if (main.getCommand() != null && main.getCommand().size() > 1) {
            raw.addAll(main.getCommand().subList(1, main.getCommand().size()));
        }
        if (main.getArgs() != null) {
            raw.addAll(main.getArgs());
        }
        List<String> args = new ArrayList<>();
        for (String arg : raw) {
            args.add(arg.equals(terminationPath) ? terminationLog.toString() : rewrite(arg, mounts));
        }
        boolean uploads = !raw.isEmpty() && ("upload".equals(raw.get(0)) || raw.contains("--upload"));
        if (uploads && raw.stream().noneMatch(a -> a.equals("--termination-log") || a.startsWith("--termination-log="))) {
            args.add("--termination-log");
            args.add(terminationLog.toString());
        }
        return args;
    }

    static String rewrite(String arg, Map<String, Path> mounts) {
        String local = local(arg, mounts);
        if (local != null) {
            return local;
        }
        int eq = arg.indexOf('=');
        if (arg.startsWith("-") && eq > 0) {
            String value = local(arg.substring(eq + 1), mounts);
            return value == null ? arg : arg.substring(0, eq + 1) + value;
        }
        return arg;
    }

    /** The local path of a container path under one of the mounts (longest first), or null. */
    static String local(String path, Map<String, Path> mounts) {
        for (Map.Entry<String, Path> mount : mounts.entrySet()) {
            String mp = mount.getKey();
            if (path.equals(mp)) {
                return mount.getValue().toString();
            }
            String prefix = mp.equals("/") ? "/" : mp + "/";
            if (path.startsWith(prefix)) {
                return mount.getValue().resolve(relative(path.substring(prefix.length()))).toString();
            }
        }
        return null;
    }

    private static Path relative(String path) {
        Path p = Path.of(path).normalize();
        if (p.isAbsolute() || p.startsWith("..")) {
            throw new MountException(CANNOT_RUN, "path " + path + " leaves its volume");
        }
        return p;
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

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

    static boolean finished(Job job) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
                .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()));
    }

    private static boolean terminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static JobStatus status(Job job) {
        if (job.getStatus() == null) {
            job.setStatus(new JobStatus());
        }
        return job.getStatus();
    }

    private static void addCondition(JobStatus status, String type, String reason, String message, String now) {
        List<JobCondition> conditions = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
        conditions.removeIf(c -> type.equals(c.getType()));
        conditions.add(new JobConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(message)
                .withLastProbeTime(now).withLastTransitionTime(now).build());
        status.setConditions(conditions);
    }

    private static PodCondition condition(String type, boolean value, String now) {
        return new PodConditionBuilder().withType(type).withStatus(value ? "True" : "False").withLastTransitionTime(now).build();
    }

    private static PodCondition notReady(String type, String now) {
        return new PodConditionBuilder().withType(type).withStatus("False").withReason("PodCompleted").withLastTransitionTime(now).build();
    }

    private static ContainerStatusBuilder containerStatus(Pod pod, Container main, boolean ready) {
        ContainerStatus previous = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? null
                : pod.getStatus().getContainerStatuses().stream().filter(c -> main.getName().equals(c.getName())).findFirst().orElse(null);
        return new ContainerStatusBuilder().withName(main.getName()).withImage(main.getImage())
                .withImageID(previous != null && previous.getImageID() != null ? previous.getImageID() : "")
                .withContainerID("local://" + pod.getMetadata().getUid()).withReady(ready).withStarted(ready).withRestartCount(0);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String randomSuffix() {
        StringBuilder s = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            s.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static FileAttribute<Set<PosixFilePermission>> attributes(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }

    private static String readBounded(Path file) throws IOException {
        byte[] bytes;
        try (var in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_MESSAGE);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Deletes a tree, files 0400 and all; never follows links out of it. */
    static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    Files.setPosixFilePermissions(d, DIR_MODE);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new UncheckedIOException("cannot delete " + dir, e);
            }
        }
    }

    /** A volume that cannot be provided: the pod fails with {@code reason}. */
    static final class MountException extends RuntimeException {
        final String reason;

        MountException(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    /** The scanner's output, line by line to the log, secret values redacted; keeps a tail for FallbackToLogsOnError. */
    static final class LineSink extends Writer {
        private final Consumer<String> log;
        private final Set<String> secrets;
        private final StringBuilder line = new StringBuilder();
        private final Deque<String> tail = new ArrayDeque<>();

        LineSink(Consumer<String> log, Set<String> secrets) {
            this.log = log;
            this.secrets = secrets;
        }

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    emit();
                } else if (buf[i] != '\r') {
                    line.append(buf[i]);
                }
            }
        }

        private void emit() {
            String text = redact(line.toString());
            line.setLength(0);
            tail.addLast(text);
            if (tail.size() > LOG_TAIL) {
                tail.removeFirst();
            }
            log.accept(text);
        }

        synchronized String tail() {
            String all = String.join("\n", tail);
            byte[] bytes = all.getBytes(StandardCharsets.UTF_8);
            return bytes.length <= MAX_MESSAGE ? all : new String(bytes, bytes.length - MAX_MESSAGE, MAX_MESSAGE, StandardCharsets.UTF_8);
        }

        String redact(String text) {
            if (text == null) {
                return null;
            }
            String out = text;
            List<String> values = new ArrayList<>(secrets);
            values.sort(Comparator.comparingInt(String::length).reversed());
            for (String secret : values) {
                if (secret.length() >= 4) {
                    out = out.replace(secret, REDACTED);
                }
            }
            return out;
        }

        @Override
        public synchronized void flush() {
            if (line.length() > 0) {
                emit();
            }
        }

        @Override
        public void close() {
            flush();
        }
    }

    /** Options of a runner; only the client is required. */
    public static final class Builder {
        private final KubernetesClient client;
        private final Set<String> scannerRepositories = new LinkedHashSet<>(Set.of(DEFAULT_SCANNER_REPOSITORY));
        private Predicate<String> scannerImage;
        private String kubernetesMaster;
        private final Map<String, Path> replays = new LinkedHashMap<>();
        private Map<String, String> jobLabels = Map.of("app.kubernetes.io/managed-by", "nubicustos-operator");
        private Path workRoot;
        private Consumer<String> log = line -> System.err.println(line);

        private Builder(KubernetesClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** Another repository (no tag) that counts as the scanner image, besides any ending with /scanner. */
        public Builder scannerRepository(String repository) {
            scannerRepositories.add(repository);
            return this;
        }

        /** Replaces the scanner-image test altogether (it receives the full image reference). */
        public Builder scannerImage(Predicate<String> predicate) {
            this.scannerImage = predicate;
            return this;
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

        /** Which Jobs to run (default: app.kubernetes.io/managed-by=nubicustos-operator); empty for all. */
        public Builder jobLabels(Map<String, String> labels) {
            this.jobLabels = Map.copyOf(labels);
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
