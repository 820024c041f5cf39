package io.nubicustos.local;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The status transitions the kubelet and the Job controller would write, so that the operator and
 * {@code kubectl get} see what they would on a cluster: the pod Pending, Running, then Succeeded or
 * Failed with its container's termination; the Job active, ready, then Complete or Failed.
 */
final class StatusWriter {

    private final KubernetesClient client;
    private final Consumer<String> log;

    StatusWriter(KubernetesClient client, Consumer<String> log) {
        this.client = client;
        this.log = log;
    }

    /** A status timestamp: the API server keeps them to the second. */
    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A pod just created for {@code job}: scheduled, Pending; the Job active. Returns the pod as updated. */
    Pod pending(Job job, Pod pod) {
        String now = now();
        Pod pending = editPod(pod, p -> new PodStatusBuilder().withPhase("Pending").withQosClass("Burstable")
                .withConditions(trueCondition("PodScheduled", now)).build());
        editJob(job, status -> {
            status.setActive(1);
            status.setReady(0);
            status.setStartTime(status.getStartTime() != null ? status.getStartTime() : now);
        });
        return pending;
    }

    /** The pod Running and ready with its {@code main} container started; the Job ready. */
    void running(Job job, Pod pod, Container main, String started) {
        editPod(pod, p -> {
            PodStatus status = p.getStatus() != null ? p.getStatus() : new PodStatus();
            status.setPhase("Running");
            status.setStartTime(started);
            status.setHostIP("127.0.0.1");
            status.setPodIP("127.0.0.1");
            status.setConditions(List.of(trueCondition("PodScheduled", started), trueCondition("Initialized", started),
                    trueCondition("ContainersReady", started), trueCondition("Ready", started)));
            status.setContainerStatuses(List.of(containerStatus(p, main, true).withNewState().withNewRunning(started).endState().build()));
            return status;
        });
        editJob(job, status -> {
            status.setReady(1);
            status.setActive(1);
        });
    }

    /** The pod Succeeded or Failed, its {@code main} container terminated as {@code end} says. */
    void terminated(Pod pod, Container main, Termination end, String started, String finished) {
        editPod(pod, p -> {
            PodStatus status = p.getStatus() != null ? p.getStatus() : new PodStatus();
            status.setPhase(end.succeeded() ? "Succeeded" : "Failed");
            status.setReason(end.failure());
            status.setMessage(end.podMessage());
            if (status.getStartTime() == null) {
                status.setStartTime(started);
            }
            status.setConditions(List.of(trueCondition("PodScheduled", started), trueCondition("Initialized", started),
                    notReady("ContainersReady", finished), notReady("Ready", finished)));
            status.setContainerStatuses(List.of(containerStatus(p, main, false).withNewState().withNewTerminated()
                    .withExitCode(end.exitCode()).withReason(end.containerReason()).withMessage(end.message())
                    .withStartedAt(started).withFinishedAt(finished)
                    .withContainerID("local://" + p.getMetadata().getUid()).endTerminated().endState().build()));
            return status;
        });
        log.accept("local-pod-runner: pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " "
                + (end.succeeded() ? "Succeeded" : "Failed") + " (exit " + end.exitCode() + ", " + end.containerReason() + ")");
    }

    /** The Job Complete, or Failed with {@code reason} and {@code message}, with the conditions that go along. */
    void jobFinished(Job job, boolean succeeded, String reason, String message) {
        String now = now();
        editJob(job, status -> {
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
        });
        log.accept("local-pod-runner: Job " + job.getMetadata().getNamespace() + "/" + job.getMetadata().getName()
                + (succeeded ? " complete" : " failed (" + reason + ")"));
    }

    private Pod editPod(Pod pod, Function<Pod, PodStatus> newStatus) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).editStatus(p -> {
            p.setStatus(newStatus.apply(p));
            return p;
        });
    }

    private void editJob(Job job, Consumer<JobStatus> change) {
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName()).editStatus(j -> {
            if (j.getStatus() == null) {
                j.setStatus(new JobStatus());
            }
            change.accept(j.getStatus());
            return j;
        });
    }

    private static void addCondition(JobStatus status, String type, String reason, String message, String now) {
        List<JobCondition> conditions = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
        conditions.removeIf(c -> type.equals(c.getType()));
        conditions.add(new JobConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(message)
                .withLastProbeTime(now).withLastTransitionTime(now).build());
        status.setConditions(conditions);
    }

    private static PodCondition trueCondition(String type, String now) {
        return new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now).build();
    }

    private static PodCondition notReady(String type, String now) {
        return new PodConditionBuilder().withType(type).withStatus("False").withReason("PodCompleted").withLastTransitionTime(now).build();
    }

    /** Keeps the image ID an earlier status had. */
    private static ContainerStatusBuilder containerStatus(Pod pod, Container main, boolean ready) {
        ContainerStatus previous = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? null
                : pod.getStatus().getContainerStatuses().stream().filter(c -> main.getName().equals(c.getName())).findFirst().orElse(null);
        return new ContainerStatusBuilder().withName(main.getName()).withImage(main.getImage())
                .withImageID(previous != null && previous.getImageID() != null ? previous.getImageID() : "")
                .withContainerID("local://" + pod.getMetadata().getUid()).withReady(ready).withStarted(ready).withRestartCount(0);
    }
}
