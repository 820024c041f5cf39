package io.nubicustos.operator.chart;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Whether a connection is allowed by the NetworkPolicies of a rendering, as a conforming network
 * plugin decides: the source's egress and the destination's ingress must both allow it; a pod no
 * policy of a direction selects is open in that direction; named ports resolve against the
 * destination pod's container ports.
 */
final class Traffic {

    /** A pod (with the ports its containers name) or, without a namespace, an address outside the cluster. */
    record Endpoint(String namespace, Map<String, String> namespaceLabels, Map<String, String> labels, List<ContainerPort> ports, String ip) {

        static Endpoint pod(String namespace, Map<String, String> labels) {
            return new Endpoint(namespace, Map.of("kubernetes.io/metadata.name", namespace), labels, List.of(), null);
        }

        static Endpoint of(PodTemplateSpec template) {
            List<ContainerPort> ports = template.getSpec().getContainers().stream().map(Container::getPorts)
                    .filter(Objects::nonNull).flatMap(List::stream).toList();
            return new Endpoint(Chart.NAMESPACE, Map.of("kubernetes.io/metadata.name", Chart.NAMESPACE), template.getMetadata().getLabels(), ports,
                    null);
        }

        static Endpoint address(String ip) {
            return new Endpoint(null, Map.of(), Map.of(), List.of(), ip);
        }
    }

    private final List<NetworkPolicy> policies;

    Traffic(List<NetworkPolicy> policies) {
        this.policies = policies;
    }

    boolean allowed(Endpoint from, Endpoint to, String protocol, int port) {
        return egress(from, to, protocol, port) && ingress(from, to, protocol, port);
    }

    boolean allowed(Endpoint from, Endpoint to, int port) {
        return allowed(from, to, "TCP", port);
    }

    private boolean egress(Endpoint from, Endpoint to, String protocol, int port) {
        if (from.namespace() == null) {
            return true;
        }
        List<NetworkPolicy> selecting = selecting(from, "Egress");
        return selecting.isEmpty() || selecting.stream().flatMap(p -> p.getSpec().getEgress().stream())
                .anyMatch(r -> peers(r.getTo(), to, from.namespace()) && ports(r.getPorts(), to, protocol, port));
    }

    private boolean ingress(Endpoint from, Endpoint to, String protocol, int port) {
        if (to.namespace() == null) {
            return true;
        }
        List<NetworkPolicy> selecting = selecting(to, "Ingress");
        return selecting.isEmpty() || selecting.stream().flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(r -> peers(r.getFrom(), from, to.namespace()) && ports(r.getPorts(), to, protocol, port));
    }

    private List<NetworkPolicy> selecting(Endpoint pod, String type) {
        return policies.stream()
                .filter(p -> p.getMetadata().getNamespace().equals(pod.namespace()))
                .filter(p -> p.getSpec().getPolicyTypes().contains(type))
                .filter(p -> matches(p.getSpec().getPodSelector(), pod.labels()))
                .toList();
    }

    private static boolean peers(List<NetworkPolicyPeer> peers, Endpoint endpoint, String policyNamespace) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        return peers.stream().anyMatch(peer -> {
            if (peer.getIpBlock() != null) {
                return endpoint.namespace() == null && io.nubicustos.operator.networksegment.PolicyEvaluator.inCidr(endpoint.ip(), peer.getIpBlock().getCidr());
            }
            if (endpoint.namespace() == null) {
                return false;
            }
            boolean namespaceOk = peer.getNamespaceSelector() == null ? endpoint.namespace().equals(policyNamespace)
                    : matches(peer.getNamespaceSelector(), endpoint.namespaceLabels());
            return namespaceOk && (peer.getPodSelector() == null || matches(peer.getPodSelector(), endpoint.labels()));
        });
    }

    private static boolean ports(List<NetworkPolicyPort> ports, Endpoint to, String protocol, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> (p.getProtocol() == null ? "TCP" : p.getProtocol()).equals(protocol)
                && (p.getPort() == null || number(p.getPort(), to) == port));
    }

    private static int number(IntOrString port, Endpoint to) {
        if (port.getStrVal() == null) {
            return port.getIntVal();
        }
        return to.ports().stream().filter(p -> port.getStrVal().equals(p.getName())).mapToInt(ContainerPort::getContainerPort)
                .findFirst().orElse(-1);
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new UnsupportedOperationException("matchExpressions are not used by this chart");
        }
        return selector.getMatchLabels() == null
                || selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
