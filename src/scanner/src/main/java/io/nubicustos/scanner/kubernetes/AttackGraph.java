package io.nubicustos.scanner.kubernetes;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.nubicustos.model.graph.EdgeType;
import io.nubicustos.model.graph.GraphEdge;
import io.nubicustos.model.graph.GraphNode;

/**
 * The nodes and edges one audit draws. Every asset an edge or a finding names becomes a node whose
 * key is that same identity ({@code Kind/namespace/name}), classified by it, with the labels of
 * its object in the snapshot (a controller's are its pod's): entry points and crown jewels may be
 * marked by label.
 */
final class AttackGraph {

    private final Map<String, Map<String, String>> labels = new HashMap<>();
    private final Map<String, GraphNode> nodes = new TreeMap<>();
    private final Set<GraphEdge> edges = new LinkedHashSet<>();

    AttackGraph(ClusterSnapshot cluster) {
        for (Pod pod : cluster.pods()) {
            labels.putIfAbsent(KubernetesAudit.workload(pod), orEmpty(pod.getMetadata().getLabels()));
        }
        Stream.<List<? extends HasMetadata>>of(cluster.namespaces(), cluster.serviceAccounts(), cluster.services(), cluster.ingresses(), cluster.roles(),
                cluster.clusterRoles(), cluster.roleBindings(), cluster.clusterRoleBindings())
                .flatMap(List::stream)
                .forEach(object -> labels.put(KubernetesAudit.id(object), orEmpty(object.getMetadata().getLabels())));
    }

    void edge(String from, EdgeType type, String to) {
        asset(from);
        asset(to);
        edges.add(GraphEdge.of(from, type, to));
    }

    /** A node outside the cluster, whose kind its key does not tell (an IAM role's ARN ...). */
    void node(GraphNode node) {
        nodes.putIfAbsent(node.key(), node);
    }

    /** The node of a cluster asset (or the Internet), known by its identity. */
    void asset(String key) {
        nodes.computeIfAbsent(key, this::kubernetesNode);
    }

    List<GraphNode> nodes() {
        return List.copyOf(nodes.values());
    }

    List<GraphEdge> edges() {
        return List.copyOf(edges);
    }

    private GraphNode kubernetesNode(String key) {
        if (GraphNode.INTERNET.equals(key)) {
            return new GraphNode(key, GraphNode.INTERNET, null, Map.of());
        }
        int kindEnd = key.indexOf('/');
        int namespaceEnd = key.indexOf('/', kindEnd + 1);
        String namespace = key.substring(kindEnd + 1, namespaceEnd);
        return new GraphNode(key, key.substring(0, kindEnd), namespace.isEmpty() ? null : namespace, labels.getOrDefault(key, Map.of()));
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
