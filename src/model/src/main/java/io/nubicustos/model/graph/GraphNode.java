package io.nubicustos.model.graph;

import java.util.Map;
import java.util.Objects;

/**
 * An asset a scanner saw, with what the graph needs to classify it: its kind (Pod, Deployment,
 * ServiceAccount, ClusterRole, Secret, Node, Service, Ingress, Namespace, IamRole, S3Bucket ...)
 * and its labels (entry points and crown jewels may be marked by label).
 *
 * @param key the asset's identity, as in {@link GraphEdge}
 */
public record GraphNode(String key, String kind, String namespace, Map<String, String> labels) {

    /** The one node outside every account and cluster. */
    public static final String INTERNET = "Internet";

    public GraphNode {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
