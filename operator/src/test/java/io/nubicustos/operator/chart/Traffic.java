package io.nubicustos.operator.chart;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.nubicustos.model.kubernetes.NetworkPolicies;

/**
 * The connections a rendering's NetworkPolicies allow, by the rules the operator and the scanner
 * use too ({@link NetworkPolicies}); the chart's pods as endpoints, in the chart's namespace, with
 * the ports their containers name.
 */
final class Traffic {

    /** A pod of a namespace, labelled with its name as the API server labels every namespace. */
    static NetworkPolicies.Endpoint pod(String namespace, Map<String, String> labels) {
        return NetworkPolicies.Endpoint.pod(namespace, Map.of("kubernetes.io/metadata.name", namespace), labels);
    }

    /** A pod of the chart, in the chart's namespace, with the ports its containers name. */
    static NetworkPolicies.Endpoint of(PodTemplateSpec template) {
        List<ContainerPort> ports = template.getSpec().getContainers().stream().map(Container::getPorts)
                .filter(Objects::nonNull).flatMap(List::stream).toList();
        return new NetworkPolicies.Endpoint(Chart.NAMESPACE, Map.of("kubernetes.io/metadata.name", Chart.NAMESPACE),
                template.getMetadata().getLabels(), ports, null);
    }

    static NetworkPolicies.Endpoint address(String ip) {
        return NetworkPolicies.Endpoint.external(ip);
    }

    private final NetworkPolicies policies;

    Traffic(List<NetworkPolicy> policies) {
        this.policies = new NetworkPolicies(policies);
    }

    boolean allowed(NetworkPolicies.Endpoint from, NetworkPolicies.Endpoint to, String protocol, int port) {
        return policies.allowed(from, to, protocol, port);
    }

    boolean allowed(NetworkPolicies.Endpoint from, NetworkPolicies.Endpoint to, int port) {
        return allowed(from, to, "TCP", port);
    }
}
