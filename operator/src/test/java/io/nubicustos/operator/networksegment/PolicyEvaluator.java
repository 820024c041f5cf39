package io.nubicustos.operator.networksegment;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Decides whether a connection is allowed by a set of NetworkPolicies, as a conforming network
 * plugin would: egress of the source and ingress of the destination must both allow it, and a pod
 * that no policy of a direction selects is unrestricted in that direction.
 */
public final class PolicyEvaluator {

    /** A pod (namespace and labels) or, with a null namespace, an address outside the cluster. */
    record Endpoint(String namespace, Map<String, String> namespaceLabels, Map<String, String> podLabels, String ip) {

        static Endpoint pod(String namespace, Map<String, String> namespaceLabels, Map<String, String> podLabels) {
            return new Endpoint(namespace, namespaceLabels, podLabels, null);
        }

        static Endpoint external(String ip) {
            return new Endpoint(null, Map.of(), Map.of(), ip);
        }

        boolean inCluster() {
            return namespace != null;
        }
    }

    private final List<NetworkPolicy> policies;

    PolicyEvaluator(List<NetworkPolicy> policies) {
        this.policies = policies;
    }

    boolean allowed(Endpoint from, Endpoint to, String protocol, int port) {
        return egress(from, to, protocol, port) && ingress(from, to, protocol, port);
    }

    private boolean egress(Endpoint from, Endpoint to, String protocol, int port) {
        if (!from.inCluster()) {
            return true;
        }
        List<NetworkPolicy> selecting = selecting(from, "Egress");
        return selecting.isEmpty() || selecting.stream().flatMap(p -> p.getSpec().getEgress().stream())
                .anyMatch(r -> peersMatch(r.getTo(), to, from.namespace()) && portsMatch(r.getPorts(), protocol, port));
    }

    private boolean ingress(Endpoint from, Endpoint to, String protocol, int port) {
        if (!to.inCluster()) {
            return true;
        }
        List<NetworkPolicy> selecting = selecting(to, "Ingress");
        return selecting.isEmpty() || selecting.stream().flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(r -> peersMatch(r.getFrom(), from, to.namespace()) && portsMatch(r.getPorts(), protocol, port));
    }

    private List<NetworkPolicy> selecting(Endpoint pod, String type) {
        return policies.stream()
                .filter(p -> p.getMetadata().getNamespace().equals(pod.namespace()))
                .filter(p -> p.getSpec().getPolicyTypes().contains(type))
                .filter(p -> LabelSelectors.matches(p.getSpec().getPodSelector(), pod.podLabels()))
                .toList();
    }

    private static boolean peersMatch(List<NetworkPolicyPeer> peers, Endpoint endpoint, String policyNamespace) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        return peers.stream().anyMatch(peer -> {
            if (peer.getIpBlock() != null) {
                return !endpoint.inCluster() && inCidr(endpoint.ip(), peer.getIpBlock().getCidr())
                        && (peer.getIpBlock().getExcept() == null || peer.getIpBlock().getExcept().stream().noneMatch(e -> inCidr(endpoint.ip(), e)));
            }
            if (!endpoint.inCluster()) {
                return false;
            }
            boolean namespaceOk = peer.getNamespaceSelector() == null ? endpoint.namespace().equals(policyNamespace)
                    : LabelSelectors.matches(peer.getNamespaceSelector(), endpoint.namespaceLabels());
            boolean podOk = peer.getPodSelector() == null || LabelSelectors.matches(peer.getPodSelector(), endpoint.podLabels());
            return namespaceOk && podOk;
        });
    }

    private static boolean portsMatch(List<NetworkPolicyPort> ports, String protocol, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> (p.getProtocol() == null ? "TCP" : p.getProtocol()).equals(protocol)
                && (p.getPort() == null || (p.getEndPort() == null ? p.getPort().getIntVal() == port
                        : port >= p.getPort().getIntVal() && port <= p.getEndPort())));
    }

    /** Whether an IPv4 address is in a CIDR block (also used by the chart's traffic checks). */
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
}
