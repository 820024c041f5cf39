package io.nubicustos.model.finding;

/**
 * The one resource identity of a Kubernetes object, {@code kind/namespace/name}, whichever tool
 * reports it: a cluster-scoped object has an empty namespace ({@code ClusterRole//admin}), so the
 * built-in audit, Trivy and Kubescape name the same object alike and their findings meet the same
 * asset.
 */
public final class KubernetesIdentity {

    private KubernetesIdentity() {
    }

    public static String of(String kind, String namespace, String name) {
        return orUnknown(kind, "Unknown") + "/" + namespaceOrEmpty(namespace) + "/" + orUnknown(name, "unknown");
    }

    /** The namespace as findings carry it: null for a cluster-scoped object (absent or blank in the report). */
    public static String namespace(String namespace) {
        return namespace == null || namespace.isBlank() ? null : namespace;
    }

    private static String namespaceOrEmpty(String namespace) {
        return namespace == null || namespace.isBlank() ? "" : namespace;
    }

    private static String orUnknown(String value, String unknown) {
        return value == null || value.isBlank() ? unknown : value;
    }
}
