package io.nubicustos.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The Job controller's part: one pod per Job, made from its template and labelled as the real
 * controller labels it, handed to the kubelet; and the pods deleted with their Job, since the mock
 * API has no garbage collector.
 */
final class JobController {


    private final KubernetesClient client;
    private final Kubelet kubelet;
    private final StatusWriter statuses;
    private final Consumer<String> log;

    JobController(KubernetesClient client, Kubelet kubelet, StatusWriter statuses, Consumer<String> log) {
        this.client = client;
        this.kubelet = kubelet;
        this.statuses = statuses;
        this.log = log;
    }

    /** Whether the Job has its Complete or Failed condition: nothing more to do for it. */
    static boolean finished(Job job) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
                .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()));
    }

    /** Runs the Job's pod, creating it first if there is none, unless the Job is finished, suspended or going. */
    void reconcile(String namespace, String name) {
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        if (job == null || finished(job) || job.getMetadata().getDeletionTimestamp() != null
                || (job.getSpec() != null && Boolean.TRUE.equals(job.getSpec().getSuspend()))) {
            return;
        }
        List<Pod> pods = client.pods().inNamespace(namespace).withLabel(LocalPodRunner.CONTROLLER_UID, job.getMetadata().getUid()).list().getItems();
        Optional<Pod> live = pods.stream().filter(p -> !terminal(p)).findFirst();
        if (live.isEmpty() && !pods.isEmpty()) {
            // The pod ended but the Job was not updated (a restart in between): finish the Job from it.
            Pod ended = pods.get(pods.size() - 1);
            boolean ok = "Succeeded".equals(ended.getStatus().getPhase());
            statuses.jobFinished(job, ok, ok ? null : Objects.requireNonNullElse(ended.getStatus().getReason(), Termination.BACKOFF_LIMIT_EXCEEDED),
                    ok ? null : Objects.requireNonNullElse(ended.getStatus().getMessage(), Termination.BACKOFF_LIMIT_MESSAGE));
            return;
        }
        kubelet.run(job, live.orElseGet(() -> createPod(job)));
    }

    /** The pods of a Job that is gone. */
    void deletePods(Job job) {
        try {
            client.pods().inNamespace(job.getMetadata().getNamespace()).withLabel(LocalPodRunner.CONTROLLER_UID, job.getMetadata().getUid()).delete();
        } catch (KubernetesClientException e) {
            log.accept("local-pod-runner: cannot delete the pods of Job " + job.getMetadata().getName() + ": HTTP " + e.getCode());
        }
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
        labels.put(LocalPodRunner.JOB_NAME, jobName);
        labels.put(LocalPodRunner.BATCH_JOB_NAME, jobName);
        labels.put(LocalPodRunner.CONTROLLER_UID, uid);
        labels.put(LocalPodRunner.BATCH_CONTROLLER_UID, uid);
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(jobName + "-" + KeyedWorker.randomSuffix())
                .withNamespace(namespace)
                .withLabels(labels)
                .withAnnotations(template.getMetadata() == null ? null : template.getMetadata().getAnnotations())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job").withName(jobName).withUid(uid)
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withSpec(client.getKubernetesSerialization().clone(template.getSpec()))
                .build();
        pod.getSpec().setNodeName(LocalPodRunner.NODE_NAME);
        pod = statuses.pending(job, client.pods().inNamespace(namespace).resource(pod).create());
        log.accept("local-pod-runner: Job " + namespace + "/" + jobName + ": created pod " + pod.getMetadata().getName());
        return pod;
    }

    private static boolean terminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }
}
