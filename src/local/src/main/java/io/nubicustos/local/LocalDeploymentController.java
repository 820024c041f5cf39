package io.nubicustos.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * The Deployment controller of {@code make run}, just enough for the built-in audit: on the mock
 * API nothing turns a Deployment into pods, and the audit reads pods (reporting a Deployment's
 * through their ReplicaSet owner). For every Deployment this keeps one ReplicaSet
 * {@code <deployment>-<template hash>} and {@code spec.replicas} pods of it that claim to be
 * Running and Ready. Nothing runs: the pods are records for the audit and for {@code kubectl get}.
 * A changed template replaces the ReplicaSet and its pods; a deleted Deployment takes them along.
 */
public final class LocalDeploymentController implements AutoCloseable {

    public static final String TEMPLATE_HASH = "pod-template-hash";
    private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization SERIALIZATION =
            new io.fabric8.kubernetes.client.utils.KubernetesSerialization();

    private final KubernetesClient client;
    private final Consumer<String> log;
    private final KeyedWorker worker;
    private SharedIndexInformer<Deployment> informer;

    public LocalDeploymentController(KubernetesClient client, Consumer<String> log) {
        this.client = Objects.requireNonNull(client);
        this.log = Objects.requireNonNull(log);
        this.worker = new KeyedWorker("local-deployments", log);
    }

    public synchronized LocalDeploymentController start() {
        if (informer != null) {
            throw new IllegalStateException("already started");
        }
        informer = client.apps().deployments().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment d) {
                enqueue(d);
            }

            @Override
            public void onUpdate(Deployment old, Deployment d) {
                if (!Objects.equals(old.getMetadata().getGeneration(), d.getMetadata().getGeneration())
                        || !Objects.equals(old.getSpec(), d.getSpec())) {
                    enqueue(d);
                }
            }

            @Override
            public void onDelete(Deployment d, boolean unknown) {
                worker.submit("deleted " + key(d), () -> replicaSets(d).forEach(rs -> deleteReplicaSet(rs)));
            }
        }, 0);
        return this;
    }

    @Override
    public synchronized void close() {
        if (informer != null) {
            informer.close();
        }
        worker.close(10);
    }

    private void enqueue(Deployment d) {
        worker.enqueue(key(d), () -> reconcile(d.getMetadata().getNamespace(), d.getMetadata().getName()));
    }

    private static String key(Deployment d) {
        return d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
    }

    void reconcile(String namespace, String name) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (d == null || d.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        String hash = templateHash(d);
        String rsName = d.getMetadata().getName() + "-" + hash;
        int replicas = d.getSpec().getReplicas() == null ? 1 : Math.max(0, d.getSpec().getReplicas());
        for (ReplicaSet old : replicaSets(d)) {
            if (!old.getMetadata().getName().equals(rsName)) {
                deleteReplicaSet(old);
            }
        }
        ReplicaSet rs = client.apps().replicaSets().inNamespace(namespace).withName(rsName).get();
        Map<String, String> labels = new LinkedHashMap<>();
        if (d.getSpec().getTemplate().getMetadata() != null && d.getSpec().getTemplate().getMetadata().getLabels() != null) {
            labels.putAll(d.getSpec().getTemplate().getMetadata().getLabels());
        }
        labels.put(TEMPLATE_HASH, hash);
        if (rs == null) {
            rs = new ReplicaSetBuilder()
                    .withNewMetadata().withName(rsName).withNamespace(namespace).withLabels(labels).withOwnerReferences(owner(d)).endMetadata()
                    .withNewSpec().withReplicas(replicas)
                    .withNewSelector().withMatchLabels(labels).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                    .withSpec(d.getSpec().getTemplate().getSpec()).endTemplate()
                    .endSpec()
                    .build();
            rs = client.apps().replicaSets().inNamespace(namespace).resource(rs).create();
        }
        List<Pod> pods = pods(rs);
        for (int i = replicas; i < pods.size(); i++) {
            client.resource(pods.get(i)).delete();
        }
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        for (int i = pods.size(); i < replicas; i++) {
            createPod(d, rs, labels, now);
        }
        client.apps().replicaSets().inNamespace(namespace).withName(rsName).editStatus(r -> {
            r.setStatus(new ReplicaSetStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
                    .withFullyLabeledReplicas(replicas).withObservedGeneration(r.getMetadata().getGeneration()).build());
            return r;
        });
        client.apps().deployments().inNamespace(namespace).withName(name).editStatus(x -> {
            x.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
                    .withUpdatedReplicas(replicas).withObservedGeneration(x.getMetadata().getGeneration())
                    .withConditions(new DeploymentConditionBuilder().withType("Available").withStatus("True")
                            .withReason("MinimumReplicasAvailable").withMessage("Deployment has minimum availability.")
                            .withLastUpdateTime(now).withLastTransitionTime(now).build(),
                            new DeploymentConditionBuilder().withType("Progressing").withStatus("True")
                                    .withReason("NewReplicaSetAvailable").withMessage("ReplicaSet \"" + rsName + "\" has successfully progressed.")
                                    .withLastUpdateTime(now).withLastTransitionTime(now).build())
                    .build());
            return x;
        });
    }

    private void createPod(Deployment d, ReplicaSet rs, Map<String, String> labels, String now) {
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(rs.getMetadata().getName() + "-" + KeyedWorker.randomSuffix())
                .withNamespace(rs.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(d.getSpec().getTemplate().getMetadata() == null ? null : d.getSpec().getTemplate().getMetadata().getAnnotations())
                .withOwnerReferences(owner(rs))
                .endMetadata()
                .withSpec(client.getKubernetesSerialization().clone(d.getSpec().getTemplate().getSpec()))
                .build();
        pod.getSpec().setNodeName(LocalPodRunner.NODE_NAME);
        if (pod.getSpec().getServiceAccountName() == null) {
            pod.getSpec().setServiceAccountName("default");
        }
        pod = client.pods().inNamespace(rs.getMetadata().getNamespace()).resource(pod).create();
        List<ContainerStatus> statuses = pod.getSpec().getContainers().stream().map(c -> new ContainerStatusBuilder()
                .withName(c.getName()).withImage(c.getImage()).withImageID("").withReady(true).withStarted(true).withRestartCount(0)
                .withNewState().withNewRunning(now).endState().build()).toList();
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).editStatus(p -> {
            p.setStatus(new PodStatusBuilder().withPhase("Running").withStartTime(now).withHostIP("127.0.0.1").withPodIP("127.0.0.1")
                    .withConditions(Set.of("PodScheduled", "Initialized", "ContainersReady", "Ready").stream().sorted()
                            .map(t -> new PodConditionBuilder().withType(t).withStatus("True").withLastTransitionTime(now).build()).toList())
                    .withContainerStatuses(statuses).build());
            return p;
        });
        log.accept("local-deployments: " + d.getMetadata().getNamespace() + "/" + d.getMetadata().getName() + ": pod "
                + pod.getMetadata().getName() + " (not actually running)");
    }

    private List<ReplicaSet> replicaSets(Deployment d) {
        return client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).list().getItems().stream()
                .filter(rs -> ownedBy(rs, d)).toList();
    }

    private List<Pod> pods(ReplicaSet rs) {
        return client.pods().inNamespace(rs.getMetadata().getNamespace()).list().getItems().stream().filter(p -> ownedBy(p, rs)).toList();
    }

    private void deleteReplicaSet(ReplicaSet rs) {
        pods(rs).forEach(p -> client.resource(p).delete());
        client.resource(rs).delete();
    }

    private static boolean ownedBy(HasMetadata object, HasMetadata owner) {
        return object.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> owner.getKind().equals(o.getKind()) && owner.getMetadata().getName().equals(o.getName())
                        && (o.getUid() == null || owner.getMetadata().getUid() == null || o.getUid().equals(owner.getMetadata().getUid())));
    }

    private static OwnerReference owner(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true)
                .build();
    }

    static String templateHash(Deployment d) {
        try {
            byte[] json = templateJson(d).getBytes(StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            // Lower-case letters and digits, like the controller's (which uses FNV and a safe alphabet).
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                s.append(KeyedWorker.ALPHABET.charAt((digest[i] & 0xff) % KeyedWorker.ALPHABET.length()));
            }
            return s.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String templateJson(Deployment d) {
        return SERIALIZATION.asJson(d.getSpec().getTemplate());
    }
}
