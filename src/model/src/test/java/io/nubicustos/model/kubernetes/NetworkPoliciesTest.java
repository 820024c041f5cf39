package io.nubicustos.model.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.nubicustos.model.kubernetes.NetworkPolicies.Endpoint;

/** The NetworkPolicy rules the operator, the scanner and the chart tests share, where implementations commonly differ. */
class NetworkPoliciesTest {

    static final Endpoint WEB = Endpoint.pod("shop", Map.of("kubernetes.io/metadata.name", "shop"), Map.of("app", "web"));
    static final Endpoint DB = new Endpoint("shop", Map.of("kubernetes.io/metadata.name", "shop"), Map.of("app", "db"),
            List.of(new ContainerPortBuilder().withName("postgres").withContainerPort(5432).build()), null);
    static final Endpoint OTHER = Endpoint.pod("other", Map.of("kubernetes.io/metadata.name", "other"), Map.of("app", "web"));

    static NetworkPolicyBuilder policy(String name, LabelSelector podSelector) {
        return new NetworkPolicyBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata().withNewSpec()
                .withPodSelector(podSelector).endSpec();
    }

    @Test
    void withoutPolicyTypesAPolicyRestrictsIngressAndEgressOnlyWithEgressRules() {
        NetworkPolicy denyIngress = policy("deny", new LabelSelector()).build();
        NetworkPolicies net = new NetworkPolicies(List.of(denyIngress));
        assertThat(net.allowed(WEB, DB, "TCP", 5432)).as("ingress isolated, no rule").isFalse();
        assertThat(net.allowed(DB, Endpoint.external("8.8.8.8"), "TCP", 443)).as("egress untouched").isTrue();
    }

    @Test
    void anEmptySelectorSelectsEveryPodAndANullOneNone() {
        assertThat(LabelSelectors.matches(new LabelSelector(), Map.of("a", "b"))).isTrue();
        assertThat(LabelSelectors.matches(null, Map.of("a", "b"))).isFalse();
        LabelSelector notIn = new LabelSelectorBuilder().addNewMatchExpression().withKey("tier").withOperator("NotIn").withValues("db")
                .endMatchExpression().build();
        assertThat(LabelSelectors.matches(notIn, Map.of())).as("NotIn matches objects without the key").isTrue();
    }

    @Test
    void aNamedPortIsTheDestinationsPortOfThatNameAndPeersDefaultToThePolicysNamespace() {
        NetworkPolicy db = policy("db", new LabelSelectorBuilder().addToMatchLabels("app", "db").build()).editSpec()
                .withPolicyTypes("Ingress").addNewIngress().addNewFrom().withNewPodSelector().addToMatchLabels("app", "web").endPodSelector()
                .endFrom().addNewPort().withPort(new IntOrString("postgres")).endPort().endIngress().endSpec().build();
        NetworkPolicies net = new NetworkPolicies(List.of(db));
        assertThat(net.allowed(WEB, DB, "TCP", 5432)).isTrue();
        assertThat(net.allowed(WEB, DB, "TCP", 5433)).isFalse();
        assertThat(net.allowed(OTHER, DB, "TCP", 5432)).as("a web pod of another namespace").isFalse();
    }

    @Test
    void anIpBlockAdmitsItsCidrButNotItsExceptions() {
        NetworkPolicy egress = policy("out", new LabelSelector()).editSpec().withPolicyTypes("Egress").addNewEgress().addNewTo()
                .withNewIpBlock().withCidr("0.0.0.0/0").withExcept("169.254.169.254/32").endIpBlock().endTo().endEgress().endSpec().build();
        NetworkPolicies net = new NetworkPolicies(List.of(egress));
        assertThat(net.allowed(WEB, Endpoint.external("8.8.8.8"), "TCP", 443)).isTrue();
        assertThat(net.allowed(WEB, Endpoint.external("169.254.169.254"), "TCP", 80)).isFalse();
        assertThat(net.allowed(WEB, DB, "TCP", 5432)).as("an ipBlock never matches a pod").isFalse();
    }
}
