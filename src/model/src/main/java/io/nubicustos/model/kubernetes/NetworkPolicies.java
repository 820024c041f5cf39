package io.nubicustos.model.kubernetes;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;

/**
 * Whether a connection is allowed by a set of NetworkPolicies, as a conforming network plugin
 * decides: the source's egress and the destination's ingress must both allow it, and a pod that
 * no policy of a direction selects is unrestricted in that direction. The operator's segments, the
 * chart's own policies and the scanner's reachability graph are all judged by these rules.
 */
public final class NetworkPolicies {

    public static final String INGRESS = "Ingress";
    public static final String EGRESS = "Egress";

    /**
     * A pod (its namespace, that namespace's labels, its labels and container ports) or, with a
     * null namespace, an address outside the cluster.
     */
    public record Endpoint(String namespace, Map<String, String> namespaceLabels, Map<String, String> podLabels, List<ContainerPort> ports,
            String ip) {

        public static Endpoint pod(String namespace, Map<String, String> namespaceLabels, Map<String, String> podLabels) {
            return new Endpoint(namespace, namespaceLabels, podLabels, List.of(), null);
        }

        public static Endpoint external(String ip) {
            return new Endpoint(null, Map.of(), Map.of(), List.of(), ip);
        }

        public boolean inCluster() {
            return namespace != null;
        }
    }

    private final List<NetworkPolicy> policies;

    public NetworkPolicies(List<NetworkPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    public boolean allowed(Endpoint from, Endpoint to, String protocol, int port) {
        return egressAllows(from, to, protocol, port) && ingressAllows(from, to, protocol, port);
    }

    private boolean egressAllows(Endpoint from, Endpoint to, String protocol, int port) {
        if (!from.inCluster()) {
            return true;
        }
        List<NetworkPolicy> isolating = isolating(from, EGRESS);
        return isolating.isEmpty() || isolating.stream().flatMap(p -> orEmpty(p.getSpec().getEgress()).stream())
                .anyMatch(r -> anyPeerAdmits(r.getTo(), from.namespace(), to) && portAdmits(r.getPorts(), to, protocol, port));
    }

    private boolean ingressAllows(Endpoint from, Endpoint to, String protocol, int port) {
        if (!to.inCluster()) {
            return true;
        }
        List<NetworkPolicy> isolating = isolating(to, INGRESS);
        return isolating.isEmpty() || isolating.stream().flatMap(p -> orEmpty(p.getSpec().getIngress()).stream())
                .anyMatch(r -> anyPeerAdmits(r.getFrom(), to.namespace(), from) && portAdmits(r.getPorts(), to, protocol, port));
    }

    /** The policies of the pod's namespace that select it and restrict this direction. */
    private List<NetworkPolicy> isolating(Endpoint pod, String direction) {
        return policies.stream()
                .filter(p -> p.getSpec() != null && pod.namespace().equals(p.getMetadata().getNamespace()))
                .filter(p -> isolates(p.getSpec(), direction) && LabelSelectors.matches(p.getSpec().getPodSelector(), pod.podLabels()))
                .toList();
    }

    /** Whether a policy restricts a direction: its policyTypes, or without them ingress always and egress when it has egress rules. */
    public static boolean isolates(NetworkPolicySpec spec, String direction) {
        List<String> types = orEmpty(spec.getPolicyTypes());
        if (!types.isEmpty()) {
            return types.contains(direction);
        }
        return direction.equals(INGRESS) || !orEmpty(spec.getEgress()).isEmpty();
    }

    /** A rule's peers: none named admits everyone. */
    public static boolean anyPeerAdmits(List<NetworkPolicyPeer> peers, String policyNamespace, Endpoint endpoint) {
        return peers == null || peers.isEmpty() || peers.stream().anyMatch(peer -> peerAdmits(peer, policyNamespace, endpoint));
    }

    /**
     * One peer: an ipBlock admits addresses outside the cluster in its CIDR and not in its
     * exceptions; otherwise pods of the policy's namespace (no namespaceSelector) or of the selected
     * namespaces, all of them when there is no podSelector.
     */
    public static boolean peerAdmits(NetworkPolicyPeer peer, String policyNamespace, Endpoint endpoint) {
        if (peer.getIpBlock() != null) {
            return !endpoint.inCluster() && inCidr(endpoint.ip(), peer.getIpBlock().getCidr())
                    && orEmpty(peer.getIpBlock().getExcept()).stream().noneMatch(e -> inCidr(endpoint.ip(), e));
        }
        if (!endpoint.inCluster()) {
            return false;
        }
        return namespaceAdmits(peer, policyNamespace, endpoint.namespace(), endpoint.namespaceLabels())
                && podSelectorAdmits(peer.getPodSelector(), endpoint.podLabels());
    }

    /** A peer's namespace part: the policy's own namespace without a namespaceSelector, else the namespaces it selects. */
    public static boolean namespaceAdmits(NetworkPolicyPeer peer, String policyNamespace, String namespace, Map<String, String> namespaceLabels) {
        return peer.getNamespaceSelector() == null ? namespace.equals(policyNamespace)
                : LabelSelectors.matches(peer.getNamespaceSelector(), namespaceLabels);
    }

    /** A peer's podSelector: absent, it admits every pod of its namespaces. */
    public static boolean podSelectorAdmits(LabelSelector podSelector, Map<String, String> labels) {
        return podSelector == null || LabelSelectors.matches(podSelector, labels);
    }

    /** A rule's ports: none named admits every port; a named port is the destination container's port of that name. */
    public static boolean portAdmits(List<NetworkPolicyPort> ports, Endpoint destination, String protocol, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> (p.getProtocol() == null ? "TCP" : p.getProtocol()).equals(protocol)
                && (p.getPort() == null || (p.getEndPort() == null ? number(p.getPort(), destination) == port
                        : port >= number(p.getPort(), destination) && port <= p.getEndPort())));
    }

    private static int number(IntOrString port, Endpoint destination) {
        if (port.getStrVal() == null) {
            return port.getIntVal();
        }
        return orEmpty(destination.ports()).stream().filter(p -> port.getStrVal().equals(p.getName())).mapToInt(ContainerPort::getContainerPort)
                .findFirst().orElse(-1);
    }

    /** Whether an IPv4 address is in a CIDR block. */
    public static boolean inCidr(String ip, String cidr) {
        String[] parts = cidr.split("/");
        int prefix = Integer.parseInt(parts[1]);
        long mask = prefix == 0 ? 0 : 0xFFFFFFFFL << (32 - prefix) & 0xFFFFFFFFL;
        return (toLong(ip) & mask) == (toLong(parts[0]) & mask);
    }

    private static long toLong(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
