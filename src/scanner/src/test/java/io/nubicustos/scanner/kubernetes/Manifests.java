package io.nubicustos.scanner.kubernetes;

import java.util.Map;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Kubernetes objects for tests of the pure audit code, without an API server. */
final class Manifests {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private Manifests() {
    }

    static Namespace namespace(String name, Map<String, String> labels) {
        return new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build();
    }

    static Pod pod(String namespace, String name, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("app:1").endContainer().endSpec().build();
    }

    /** A NetworkPolicy written as in a manifest, {@code metadata} included. */
    static NetworkPolicy policy(String yaml) {
        return YAML.unmarshal("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n" + yaml, NetworkPolicy.class);
    }

    static <T> T unmarshal(String yaml, Class<T> type) {
        return YAML.unmarshal(yaml, type);
    }
}
