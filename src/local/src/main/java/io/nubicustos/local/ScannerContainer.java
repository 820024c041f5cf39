package io.nubicustos.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * One run of a pod's scanner container, in-process: its volumes written to a private directory
 * (deleted afterwards, whatever happens), its arguments mapped to them, the replay report (if any)
 * put in place, the scanner run, and its termination message read back. Secret values are redacted
 * from everything logged and from the message.
 */
final class ScannerContainer {

    private static final String DEFAULT_TERMINATION_LOG = "/dev/termination-log";

    private final VolumeMaterializer volumes;
    private final InProcessScanner scanner;
    private final Path workRoot;
    private final Consumer<String> log;

    /**
     * Secrets are read with {@code client}; the scanner's audit reads {@code kubernetesMaster} with {@code kubernetesToken}
     * (the client's, or null for none); pods' directories go under {@code workRoot}.
     */
    ScannerContainer(KubernetesClient client, String kubernetesMaster, String kubernetesToken, Path workRoot, Consumer<String> log) {
        this.volumes = new VolumeMaterializer(client);
        this.scanner = new InProcessScanner(kubernetesMaster, kubernetesToken);
        this.workRoot = workRoot;
        this.log = log;
    }

    /** Runs {@code main}, the pod's only container; {@code replay} is the report to upload, or null. */
    Termination run(Pod pod, Container main, Path replay) {
        String podName = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        SecretValues secrets = new SecretValues();
        ScannerOutput output = new ScannerOutput(line -> log.accept("[" + podName + "] " + line), secrets);
        PrivateDirectory dir = null;
        try {
            dir = PrivateDirectory.create(workRoot);
            Map<String, Path> mounts = volumes.materialize(pod, main, dir, secrets);
            String terminationPath = main.getTerminationMessagePath() != null ? main.getTerminationMessagePath() : DEFAULT_TERMINATION_LOG;
            Path terminationLog = Optional.ofNullable(ContainerPaths.local(terminationPath, mounts)).map(Path::of)
                    .orElse(dir.path().resolve("termination-log"));
            List<String> args = ContainerPaths.scannerArguments(main, mounts, terminationPath, terminationLog);
            if (replay != null) {
                ReportReplays.copy(replay, main, mounts);
                log.accept("local-pod-runner: pod " + podName + ": replaying " + replay.getFileName());
            }
            log.accept("local-pod-runner: pod " + podName + ": scanner " + secrets.redact(String.join(" ", args)));
            int exit = scanner.run(args, output);
            output.flush();
            String message = null;
            if (Files.isRegularFile(terminationLog)) {
                message = secrets.redact(readBounded(terminationLog));
            }
            if ((message == null || message.isBlank()) && exit != 0 && "FallbackToLogsOnError".equals(main.getTerminationMessagePolicy())) {
                message = output.tail();
            }
            return new Termination(exit, null, message);
        } catch (MountException e) {
            return failed(podName, e.reason, secrets.redact(e.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            String message = "local pod runner: " + e.getClass().getSimpleName() + ": " + secrets.redact(String.valueOf(e.getMessage()));
            return failed(podName, "Error", message);
        } finally {
            if (dir != null) {
                dir.delete();
            }
        }
    }

    private Termination failed(String podName, String reason, String message) {
        log.accept("local-pod-runner: pod " + podName + ": " + message);
        return Termination.failed(reason, message);
    }

    /** The kubelet reads no more of a termination log than it keeps. */
    private static String readBounded(Path file) throws IOException {
        byte[] bytes;
        try (var in = Files.newInputStream(file)) {
            bytes = in.readNBytes(Termination.MAX_MESSAGE);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
