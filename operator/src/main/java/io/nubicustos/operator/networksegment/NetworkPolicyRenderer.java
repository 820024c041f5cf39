package io.nubicustos.operator.networksegment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlockBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.nubicustos.api.v1alpha1.networksegment.EgressRule;
import io.nubicustos.api.v1alpha1.networksegment.ExternalAccess;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.networksegment.PortRule;
import io.nubicustos.model.kubernetes.Labels;

/**
 * The NetworkPolicies of one segment in one of its namespaces, as a pure function of the segment,
 * every other segment and the cluster's shared services. Policies are additive, so each is small
 * and named for what it allows: a default deny, then one allowance per concern.
 */
public final class NetworkPolicyRenderer {

    /** RFC 1918, link-local and carrier-grade NAT: what NAT egress must not reach. */
    static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10");

    private NetworkPolicyRenderer() {
    }

    public static List<NetworkPolicy> render(NetworkSegment segment, Collection<NetworkSegment> all, String namespace,
            SegmentEnvironment env) {
        String name = segment.getMetadata().getName();
        var spec = segment.getSpec();
        List<NetworkPolicy> policies = new ArrayList<>();
        policies.add(policy(segment, namespace, "default-deny", all(), List.of(), List.of(), true, true));
        policies.add(policy(segment, namespace, "same-segment", all(),
                List.of(peers(namespaces(spec.getNamespaceSelector()))), List.of(egressTo(List.of(namespaces(spec.getNamespaceSelector())), List.of())),
                true, true));
        policies.add(policy(segment, namespace, "dns", all(), List.of(),
                List.of(egressTo(List.of(pods(env.dnsNamespaceLabels(), env.dnsPodLabels())),
                        List.of(port("UDP", 53, null), port("TCP", 53, null)))), false, true));

        List<NetworkPolicyPeer> allowedSources = new ArrayList<>();
        List<NetworkPolicyPeer> reachable = new ArrayList<>();
        for (NetworkSegment other : all) {
            if (other.getMetadata().getName().equals(name) || other.getSpec() == null) {
                continue;
            }
            if (spec.getAllowFrom().contains(other.getMetadata().getName())) {
                allowedSources.add(namespaces(other.getSpec().getNamespaceSelector()));
            }
            if (other.getSpec().getAllowFrom().contains(name)) {
                reachable.add(namespaces(other.getSpec().getNamespaceSelector()));
            }
        }
        if (!allowedSources.isEmpty()) {
            policies.add(policy(segment, namespace, "from-segments", all(), List.of(peers(allowedSources.toArray(NetworkPolicyPeer[]::new))),
                    List.of(), true, false));
        }
        if (!reachable.isEmpty()) {
            policies.add(policy(segment, namespace, "to-segments", all(), List.of(), List.of(egressTo(reachable, List.of())), false, true));
        }
        if (spec.getExternalAccess() == ExternalAccess.INGRESS) {
            List<NetworkPolicyPeer> from = new ArrayList<>();
            from.add(pods(env.proxyNamespaceLabels(), env.proxyPodLabels()));
            spec.getIngressAllowlist().forEach(cidr -> from.add(new NetworkPolicyPeerBuilder()
                    .withIpBlock(new IPBlockBuilder().withCidr(cidr).build()).build()));
            policies.add(policy(segment, namespace, "ingress-proxy", all(), List.of(peers(from.toArray(NetworkPolicyPeer[]::new))),
                    List.of(), true, false));
        }
        if (spec.getExternalAccess() == ExternalAccess.NAT) {
            policies.add(policy(segment, namespace, "nat-egress", all(), List.of(),
                    List.of(egressTo(List.of(new NetworkPolicyPeerBuilder().withIpBlock(new IPBlockBuilder().withCidr("0.0.0.0/0")
                            .withExcept(PRIVATE_RANGES).build()).build()), List.of())), false, true));
        }
        if (!spec.getEgress().isEmpty()) {
            List<NetworkPolicyEgressRule> rules = new ArrayList<>();
            for (EgressRule rule : spec.getEgress()) {
                List<NetworkPolicyPort> ports = new ArrayList<>();
                for (PortRule p : rule.getPorts()) {
                    ports.add(port(p.getProtocol().name(), p.getPort(), p.getEndPort()));
                }
                rules.add(egressTo(List.of(new NetworkPolicyPeerBuilder().withIpBlock(new IPBlockBuilder().withCidr(rule.getCidr())
                        .withExcept(rule.getExcept()).build()).build()), ports));
            }
            policies.add(policy(segment, namespace, "egress", all(), List.of(), rules, false, true));
        }
        // Scan pods of this segment upload their findings to the API, wherever it runs.
        policies.add(policy(segment, namespace, "scan-upload",
                new LabelSelectorBuilder().addToMatchLabels(Labels.SEGMENT, name).build(), List.of(),
                List.of(egressTo(List.of(pods(env.apiNamespaceLabels(), env.apiPodLabels())), List.of(port("TCP", env.apiPort(), null)))),
                false, true));
        return policies;
    }

    public static String policyName(NetworkSegment segment, String purpose) {
        return "nubicustos-" + segment.getMetadata().getName() + "-" + purpose;
    }

    public static Map<String, String> labels(NetworkSegment segment) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.MANAGED_BY, Labels.OPERATOR);
        labels.put("app.kubernetes.io/part-of", "nubicustos");
        labels.put(Labels.SEGMENT, segment.getMetadata().getName());
        return labels;
    }

    private static NetworkPolicy policy(NetworkSegment segment, String namespace, String purpose, LabelSelector podSelector,
            List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule> ingress,
            List<NetworkPolicyEgressRule> egress, boolean ingressType, boolean egressType) {
        List<String> types = new ArrayList<>();
        if (ingressType) {
            types.add("Ingress");
        }
        if (egressType) {
            types.add("Egress");
        }
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(policyName(segment, purpose))
                .withNamespace(namespace)
                .withLabels(labels(segment))
                .endMetadata()
                .withNewSpec()
                .withPodSelector(podSelector)
                .withPolicyTypes(types)
                .withIngress(ingress)
                .withEgress(egress)
                .endSpec()
                .build();
    }

    private static io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule peers(NetworkPolicyPeer... from) {
        return new NetworkPolicyIngressRuleBuilder().withFrom(from).build();
    }

    private static NetworkPolicyEgressRule egressTo(List<NetworkPolicyPeer> to, List<NetworkPolicyPort> ports) {
        // Empty lists, never null: the API server answers [] and the reconciler compares with what it reads back.
        return new NetworkPolicyEgressRuleBuilder().withTo(to).withPorts(ports).build();
    }

    private static NetworkPolicyPeer namespaces(LabelSelector selector) {
        return new NetworkPolicyPeerBuilder().withNamespaceSelector(selector).build();
    }

    private static NetworkPolicyPeer pods(Map<String, String> namespaceLabels, Map<String, String> podLabels) {
        return new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(namespaceLabels).build())
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(podLabels).build())
                .build();
    }

    private static NetworkPolicyPort port(String protocol, int port, Integer endPort) {
        return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(port)).withEndPort(endPort).build();
    }

    private static LabelSelector all() {
        return new LabelSelector();
    }
}
