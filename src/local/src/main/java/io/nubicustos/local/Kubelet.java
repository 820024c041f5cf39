package io.nubicustos.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.nubicustos.model.kubernetes.Labels;

/**
 * The kubelet's part: runs a Job's pod when it can, and otherwise fails it with reason
 * {@value LocalPodRunner#CANNOT_RUN} at once rather than leave it Pending. It can run a pod whose
 * only container is this project's scanner image; init containers (upstream tool images) only when
 * a replay report stands in for them.
 */
final class Kubelet {

    private final Predicate<String> scannerImage;
    private final ReportReplays replays;
    private final Set<String> held;
    private final ScannerContainer scanner;
    private final StatusWriter statuses;
    private final Consumer<String> log;

    Kubelet(Predicate<String> scannerImage, ReportReplays replays, Set<String> held, ScannerContainer scanner, StatusWriter statuses,
            Consumer<String> log) {
        this.scannerImage = scannerImage;
        this.replays = replays;
        this.held = held;
        this.scanner = scanner;
        this.statuses = statuses;
        this.log = log;
    }

    /** Runs {@code pod}, one of {@code job}'s, to its end and ends the Job with it. */
    void run(Job job, Pod pod) {
        List<Container> containers = pod.getSpec().getContainers();
        List<Container> inits = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        Container main = containers.size() == 1 ? containers.get(0) : null;
        if (main == null || !scannerImage.test(main.getImage())) {
            String image = containers.stream().map(Container::getImage).filter(i -> !scannerImage.test(i)).findFirst().orElse("?");
            cannotRun(job, pod, "image " + image + (containers.size() > 1 ? " (one of " + containers.size() + " containers)" : "")
                    + " is not the scanner image: the local pod runner runs only this project's scanner, in-process");
            return;
        }
        String tool = pod.getMetadata().getLabels().get(Labels.TOOL);
        if (held.contains(tool)) {
            // Runs until its Job is deleted (then its pods go with it): a long scan, for cancelling.
            if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
                statuses.running(job, pod, main, StatusWriter.now());
                log.accept("local-pod-runner: pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()
                        + " of tool " + tool + " keeps running until cancelled (--hold)");
            }
            return;
        }
        Path replay = null;
        if (!inits.isEmpty()) {
            replay = replays.reportFor(tool, main);
            if (replay == null) {
                cannotRun(job, pod, "init container " + inits.get(0).getName() + " runs image " + inits.get(0).getImage()
                        + ", which the local pod runner cannot run" + (tool == null ? "" : " (no replay report configured for tool " + tool + ")"));
                return;
            }
        }
        String started = StatusWriter.now();
        statuses.running(job, pod, main, started);
        end(job, pod, main, scanner.run(pod, main, replay), started, StatusWriter.now());
    }

    private void cannotRun(Job job, Pod pod, String message) {
        log.accept("local-pod-runner: pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + ": " + message);
        String now = StatusWriter.now();
        end(job, pod, pod.getSpec().getContainers().get(0), Termination.failed(LocalPodRunner.CANNOT_RUN, message), now, now);
    }

    /** No retries (backoffLimit is not simulated): the pod's end is its Job's. */
    private void end(Job job, Pod pod, Container main, Termination termination, String started, String finished) {
        statuses.terminated(pod, main, termination, started, finished);
        statuses.jobFinished(job, termination.succeeded(), termination.jobReason(), termination.jobMessage());
    }
}
