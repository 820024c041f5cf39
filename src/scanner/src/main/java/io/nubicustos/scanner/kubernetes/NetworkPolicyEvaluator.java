package io.nubicustos.scanner.kubernetes;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.nubicustos.model.kubernetes.LabelSelectors;
import io.nubicustos.model.kubernetes.NetworkPolicies;

/**
 * Which pod may open a connection to which, by Kubernetes NetworkPolicy semantics ({@link NetworkPolicies}), ports aside.
 * A pod is isolated for ingress (egress) when a policy of its namespace selects it and has that
 * policy type; it then admits only the peers some rule of those policies names. A connection
 * needs the source's egress and the destination's ingress. An ipBlock peer never matches a pod:
 * pod IPs are not in the snapshot. Everything is computed once, as one set of allowed peers per
 * isolated pod, so that a query is two bit lookups.
 */
public final class NetworkPolicyEvaluator {

    /** Set by the API server on every namespace, whether or not the snapshot shows it. */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private final List<Pod> pods;
    private final Map<Pod, Integer> index = new IdentityHashMap<>();
    private final Map<String, List<Integer>> byNamespace = new HashMap<>();
    private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    /** Per pod, the sources it admits; null while no ingress policy selects it. */
    private final BitSet[] ingressFrom;
    /** Per pod, the destinations it may reach; null while no egress policy selects it. */
    private final BitSet[] egressTo;

    public NetworkPolicyEvaluator(List<Namespace> namespaces, List<Pod> pods, List<NetworkPolicy> policies) {
        this.pods = List.copyOf(pods);
        for (int i = 0; i < this.pods.size(); i++) {
            index.put(this.pods.get(i), i);
            byNamespace.computeIfAbsent(this.pods.get(i).getMetadata().getNamespace(), ns -> new ArrayList<>()).add(i);
        }
        for (Namespace namespace : namespaces) {
            Map<String, String> labels = new HashMap<>(orEmpty(namespace.getMetadata().getLabels()));
            labels.put(NAMESPACE_NAME_LABEL, namespace.getMetadata().getName());
            namespaceLabels.put(namespace.getMetadata().getName(), labels);
        }
        this.ingressFrom = new BitSet[this.pods.size()];
        this.egressTo = new BitSet[this.pods.size()];
        policies.forEach(this::apply);
    }

    /** Whether {@code from} may connect to {@code to}; both must be instances this evaluator was built with. */
    public boolean allows(Pod from, Pod to) {
        int source = indexOf(from);
        int destination = indexOf(to);
        return (ingressFrom[destination] == null || ingressFrom[destination].get(source))
                && (egressTo[source] == null || egressTo[source].get(destination));
    }

    private void apply(NetworkPolicy policy) {
        NetworkPolicySpec spec = policy.getSpec();
        if (spec == null) {
            return;
        }
        String namespace = policy.getMetadata().getNamespace();
        List<Integer> selected = podsMatching(spec.getPodSelector(), namespace);
        if (NetworkPolicies.isolates(spec, NetworkPolicies.INGRESS)) {
            BitSet sources = new BitSet(pods.size());
            for (NetworkPolicyIngressRule rule : orEmpty(spec.getIngress())) {
                sources.or(peers(rule.getFrom(), namespace));
            }
            isolate(ingressFrom, selected, sources);
        }
        if (NetworkPolicies.isolates(spec, NetworkPolicies.EGRESS)) {
            BitSet destinations = new BitSet(pods.size());
            for (NetworkPolicyEgressRule rule : orEmpty(spec.getEgress())) {
                destinations.or(peers(rule.getTo(), namespace));
            }
            isolate(egressTo, selected, destinations);
        }
    }

    private void isolate(BitSet[] allowed, List<Integer> selected, BitSet peers) {
        for (int pod : selected) {
            if (allowed[pod] == null) {
                allowed[pod] = new BitSet(pods.size());
            }
            allowed[pod].or(peers);
        }
    }

    /** The pods a rule admits: those any of its peers match, or every pod when it names no peer. */
    private BitSet peers(List<NetworkPolicyPeer> peers, String policyNamespace) {
        BitSet matched = new BitSet(pods.size());
        if (peers == null || peers.isEmpty()) {
            matched.set(0, pods.size());
            return matched;
        }
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getNamespaceSelector() != null) {
                byNamespace.keySet().stream().filter(ns -> LabelSelectors.matches(peer.getNamespaceSelector(), labelsOf(ns)))
                        .forEach(ns -> podsMatching(peer.getPodSelector(), ns).forEach(matched::set));
            } else if (peer.getPodSelector() != null) {
                podsMatching(peer.getPodSelector(), policyNamespace).forEach(matched::set);
            }
        }
        return matched;
    }

    /** Pods of a namespace a selector picks; no selector picks them all. */
    private List<Integer> podsMatching(LabelSelector selector, String namespace) {
        List<Integer> inNamespace = byNamespace.getOrDefault(namespace, List.of());
        if (selector == null) {
            return inNamespace;
        }
        return inNamespace.stream().filter(i -> LabelSelectors.matches(selector, pods.get(i).getMetadata().getLabels())).toList();
    }

    private Map<String, String> labelsOf(String namespace) {
        return namespaceLabels.computeIfAbsent(namespace, ns -> Map.of(NAMESPACE_NAME_LABEL, ns));
    }

    private int indexOf(Pod pod) {
        Integer i = index.get(pod);
        if (i == null) {
            throw new IllegalArgumentException("not a pod of this snapshot: " + pod.getMetadata().getName());
        }
        return i;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
