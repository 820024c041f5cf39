package io.nubicustos.scanner.kubernetes;

import static io.nubicustos.scanner.kubernetes.Manifests.namespace;
import static io.nubicustos.scanner.kubernetes.Manifests.pod;
import static io.nubicustos.scanner.kubernetes.Manifests.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/** NetworkPolicy semantics as Kubernetes documents them, one rule at a time, for pod-to-pod traffic. */
class NetworkPolicyEvaluatorTest {

    static final List<Namespace> NAMESPACES = List.of(namespace("dev", Map.of("team", "dev")), namespace("prod", Map.of("team", "prod")),
            namespace("ops", Map.of("team", "ops")));
    static final Pod DEV_WEB = pod("dev", "web", Map.of("app", "web"));
    static final Pod DEV_DB = pod("dev", "db", Map.of("app", "db"));
    static final Pod PROD_API = pod("prod", "api", Map.of("app", "api", "tier", "backend"));
    static final Pod PROD_DB = pod("prod", "db", Map.of("app", "db"));
    static final Pod OPS_MONITOR = pod("ops", "monitor", Map.of("role", "monitor"));
    static final Pod OPS_SHELL = pod("ops", "shell", Map.of("role", "shell"));
    static final List<Pod> PODS = List.of(DEV_WEB, DEV_DB, PROD_API, PROD_DB, OPS_MONITOR, OPS_SHELL);

    static NetworkPolicyEvaluator evaluator(NetworkPolicy... policies) {
        return new NetworkPolicyEvaluator(NAMESPACES, PODS, List.of(policies));
    }

    static final NetworkPolicy PROD_DENY_INGRESS = policy("""
            metadata: {name: deny, namespace: prod}
            spec: {podSelector: {}}
            """);

    @Test
    void withoutPoliciesEveryPodReachesEveryPod() {
        NetworkPolicyEvaluator policies = evaluator();
        for (Pod from : PODS) {
            for (Pod to : PODS) {
                assertThat(policies.allows(from, to)).as("%s -> %s", from.getMetadata().getName(), to.getMetadata().getName()).isTrue();
            }
        }
    }

    @Test
    void anEmptySelectorWithoutRulesDeniesAllIngressButNoEgress() {
        NetworkPolicyEvaluator policies = evaluator(PROD_DENY_INGRESS);
        assertThat(policies.allows(DEV_WEB, PROD_API)).isFalse();
        assertThat(policies.allows(PROD_DB, PROD_API)).isFalse();
        assertThat(policies.allows(PROD_API, DEV_WEB)).as("no policyTypes and no egress rules: egress stays open").isTrue();
        assertThat(policies.allows(DEV_WEB, DEV_DB)).as("other namespaces are not isolated").isTrue();
    }

    @Test
    void aPolicyIsolatesOnlyThePodsItSelects() {
        NetworkPolicyEvaluator policies = evaluator(policy("""
                metadata: {name: db, namespace: prod}
                spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress]}
                """));
        assertThat(policies.allows(DEV_WEB, PROD_DB)).isFalse();
        assertThat(policies.allows(DEV_WEB, PROD_API)).isTrue();
    }

    @Test
    void policiesAddUpAndANamespaceSelectorAdmitsEveryPodOfItsNamespaces() {
        NetworkPolicyEvaluator policies = evaluator(PROD_DENY_INGRESS, policy("""
                metadata: {name: from-ops, namespace: prod}
                spec:
                  podSelector: {}
                  ingress: [{from: [{namespaceSelector: {matchLabels: {team: ops}}}]}]
                """));
        assertThat(policies.allows(OPS_MONITOR, PROD_API)).isTrue();
        assertThat(policies.allows(OPS_SHELL, PROD_API)).isTrue();
        assertThat(policies.allows(DEV_WEB, PROD_API)).isFalse();
        assertThat(policies.allows(PROD_DB, PROD_API)).as("the policy's own namespace is not labelled team=ops").isFalse();
    }

    @Test
    void everyNamespaceHasItsNameAsALabel() {
        NetworkPolicyEvaluator policies = new NetworkPolicyEvaluator(List.of(), PODS, List.of(policy("""
                metadata: {name: from-dev, namespace: prod}
                spec:
                  podSelector: {}
                  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: dev}}}]}]
                """)));
        assertThat(policies.allows(DEV_WEB, PROD_API)).isTrue();
        assertThat(policies.allows(OPS_SHELL, PROD_API)).isFalse();
    }

    @Test
    void aPodSelectorAloneAdmitsPodsOfThePolicysNamespaceOnly() {
        NetworkPolicyEvaluator policies = evaluator(policy("""
                metadata: {name: from-db, namespace: prod}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress: [{from: [{podSelector: {matchLabels: {app: db}}}]}]
                """));
        assertThat(policies.allows(PROD_DB, PROD_API)).isTrue();
        assertThat(policies.allows(DEV_DB, PROD_API)).as("same labels, other namespace").isFalse();
    }

    @Test
    void bothSelectorsInOnePeerMustBothMatchWhileTwoPeersEitherMay() {
        NetworkPolicyEvaluator and = evaluator(policy("""
                metadata: {name: monitor, namespace: prod}
                spec:
                  podSelector: {}
                  ingress: [{from: [{namespaceSelector: {matchLabels: {team: ops}}, podSelector: {matchLabels: {role: monitor}}}]}]
                """));
        assertThat(and.allows(OPS_MONITOR, PROD_API)).isTrue();
        assertThat(and.allows(OPS_SHELL, PROD_API)).isFalse();
        assertThat(and.allows(PROD_DB, PROD_API)).isFalse();

        NetworkPolicyEvaluator or = evaluator(policy("""
                metadata: {name: monitor, namespace: prod}
                spec:
                  podSelector: {}
                  ingress: [{from: [{namespaceSelector: {matchLabels: {team: ops}}}, {podSelector: {matchLabels: {role: monitor}}}]}]
                """));
        assertThat(or.allows(OPS_SHELL, PROD_API)).isTrue();
        assertThat(or.allows(DEV_WEB, PROD_API)).isFalse();
    }

    @Test
    void aRuleWithoutPeersAdmitsEveryoneAndAnIpBlockNoPod() {
        NetworkPolicyEvaluator open = evaluator(policy("""
                metadata: {name: https, namespace: prod}
                spec:
                  podSelector: {}
                  ingress: [{ports: [{port: 443}]}]
                """));
        assertThat(open.allows(DEV_WEB, PROD_API)).isTrue();

        NetworkPolicyEvaluator cidr = evaluator(policy("""
                metadata: {name: cidr, namespace: prod}
                spec:
                  podSelector: {}
                  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]
                """));
        assertThat(cidr.allows(DEV_WEB, PROD_API)).isFalse();
    }

    @Test
    void egressIsolationRestrictsTheSourceSide() {
        NetworkPolicyEvaluator policies = evaluator(policy("""
                metadata: {name: to-db, namespace: dev}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Egress]
                  egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]
                """));
        assertThat(policies.allows(DEV_WEB, DEV_DB)).isTrue();
        assertThat(policies.allows(DEV_WEB, PROD_API)).isFalse();
        assertThat(policies.allows(DEV_WEB, PROD_DB)).as("a podSelector alone stays in the policy's namespace").isFalse();
        assertThat(policies.allows(PROD_API, DEV_WEB)).as("ingress of web is not isolated").isTrue();
    }

    @Test
    void withoutPolicyTypesEgressRulesIsolateEgressToo() {
        NetworkPolicyEvaluator policies = evaluator(policy("""
                metadata: {name: to-ops, namespace: dev}
                spec:
                  podSelector: {}
                  ingress: [{}]
                  egress: [{to: [{namespaceSelector: {matchLabels: {team: ops}}}]}]
                """));
        assertThat(policies.allows(DEV_WEB, OPS_SHELL)).isTrue();
        assertThat(policies.allows(DEV_WEB, PROD_API)).isFalse();
        assertThat(policies.allows(PROD_API, DEV_WEB)).as("an empty ingress rule admits everyone").isTrue();
    }

    @Test
    void bothEndsMustAllow() {
        NetworkPolicyEvaluator policies = evaluator(PROD_DENY_INGRESS, policy("""
                metadata: {name: from-dev, namespace: prod}
                spec:
                  podSelector: {}
                  ingress: [{from: [{namespaceSelector: {matchLabels: {team: dev}}}]}]
                """), policy("""
                metadata: {name: no-egress, namespace: dev}
                spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Egress]}
                """));
        assertThat(policies.allows(DEV_WEB, PROD_API)).isTrue();
        assertThat(policies.allows(DEV_DB, PROD_API)).isFalse();
    }

    @Test
    void matchExpressionsSupportInNotInExistsAndDoesNotExist() {
        String template = """
                metadata: {name: expr, namespace: prod}
                spec:
                  podSelector: {}
                  ingress: [{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [%s]}}]}]
                """;
        NetworkPolicyEvaluator in = evaluator(policy(template.formatted("{key: app, operator: In, values: [web, api]}")));
        assertThat(in.allows(DEV_WEB, PROD_API)).isTrue();
        assertThat(in.allows(DEV_DB, PROD_API)).isFalse();

        NetworkPolicyEvaluator notIn = evaluator(policy(template.formatted("{key: app, operator: NotIn, values: [web]}")));
        assertThat(notIn.allows(DEV_WEB, PROD_API)).isFalse();
        assertThat(notIn.allows(DEV_DB, PROD_API)).isTrue();
        assertThat(notIn.allows(OPS_SHELL, PROD_API)).as("NotIn matches pods without the key").isTrue();

        NetworkPolicyEvaluator exists = evaluator(policy(template.formatted("{key: role, operator: Exists}")));
        assertThat(exists.allows(OPS_SHELL, PROD_API)).isTrue();
        assertThat(exists.allows(DEV_WEB, PROD_API)).isFalse();

        NetworkPolicyEvaluator absent = evaluator(policy(template.formatted("{key: role, operator: DoesNotExist}")));
        assertThat(absent.allows(OPS_SHELL, PROD_API)).isFalse();
        assertThat(absent.allows(DEV_WEB, PROD_API)).isTrue();

        NetworkPolicyEvaluator both = evaluator(policy(template.formatted(
                "{key: app, operator: In, values: [db]}, {key: kubernetes.io/hostname, operator: DoesNotExist}")));
        assertThat(both.allows(DEV_DB, PROD_API)).isTrue();
        assertThat(both.allows(DEV_WEB, PROD_API)).isFalse();
    }
}
