package io.nubicustos.scanner.kubernetes;

import static io.nubicustos.scanner.kubernetes.Manifests.namespace;
import static io.nubicustos.scanner.kubernetes.Manifests.pod;
import static io.nubicustos.scanner.kubernetes.Manifests.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.nubicustos.model.graph.EdgeType;
import io.nubicustos.model.graph.GraphEdge;
import io.nubicustos.model.graph.GraphNode;

/** The graph the audit draws: workload identities, lateral movement as NetworkPolicies allow it, segments, nodes. */
class AttackGraphTest {

    static int podNumber;

    static final List<Namespace> NAMESPACES = List.of(namespace("development", Map.of("segment", "development")),
            namespace("production", Map.of("segment", "production")));
    static final List<Pod> PODS = List.of(
            deploymentPod("development", "web", Map.of("app", "web")),
            deploymentPod("production", "api", Map.of("app", "api", "nubicustos.io/crown-jewel", "true")),
            deploymentPod("production", "api", Map.of("app", "api", "nubicustos.io/crown-jewel", "true")),
            pod("production", "worker", Map.of("app", "worker")));
    static final Service API = service("production", "api", Map.of("app", "api"));

    /** What the operator renders for a NetworkSegment named production, as far as pods are concerned. */
    static final List<NetworkPolicy> PRODUCTION_SEGMENT = List.of(policy("""
            metadata: {name: nubicustos-production-default-deny, namespace: production, labels: {nubicustos.io/segment: production}}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress], ingress: [], egress: []}
            """), policy("""
            metadata: {name: nubicustos-production-same-segment, namespace: production, labels: {nubicustos.io/segment: production}}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
              ingress: [{from: [{namespaceSelector: {matchLabels: {segment: production}}}]}]
              egress: [{to: [{namespaceSelector: {matchLabels: {segment: production}}}], ports: []}]
            """));

    static Pod deploymentPod(String namespace, String deployment, Map<String, String> labels) {
        Pod pod = pod(namespace, deployment + "-5d8f-" + podNumber++, labels);
        pod.getMetadata().getOwnerReferences().add(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                .withName(deployment + "-5d8f").withController(true).withUid("u").build());
        return pod;
    }

    static Service service(String namespace, String name, Map<String, String> selector) {
        return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(Map.of("tier", "backend"))
                .endMetadata().withNewSpec().withType("ClusterIP").withSelector(selector).endSpec().build();
    }

    static ServiceAccount serviceAccount(String namespace, String name, Map<String, String> annotations) {
        return new ServiceAccountBuilder().withNewMetadata().withNamespace(namespace).withName(name).withAnnotations(annotations)
                .endMetadata().build();
    }

    static KubernetesAudit.Result audit(List<Namespace> namespaces, List<Pod> pods, List<ServiceAccount> serviceAccounts,
            List<Service> services, List<NetworkPolicy> policies) {
        return KubernetesAudit.run(new ClusterSnapshot("test-cluster", namespaces, pods, serviceAccounts, services, List.of(), policies,
                List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void workloadIdentityAnnotationsLetAServiceAccountAssumeCloudIdentities() {
        String arn = "arn:aws:iam::123456789012:role/x";
        var result = audit(NAMESPACES, PODS, List.of(
                serviceAccount("production", "aws", Map.of("eks.amazonaws.com/role-arn", arn)),
                serviceAccount("production", "gcp", Map.of("iam.gke.io/gcp-service-account", "sa@proj.iam.gserviceaccount.com")),
                serviceAccount("production", "azure", Map.of("azure.workload.identity/client-id", "6f1c9a2e-0b3d-4e5f-8a7b-9c0d1e2f3a4b")),
                serviceAccount("production", "plain", Map.of("description", "no cloud"))), List.of(), List.of());

        assertThat(result.edges()).filteredOn(e -> e.type() == EdgeType.CAN_ASSUME).containsExactlyInAnyOrder(
                GraphEdge.of("ServiceAccount/production/aws", EdgeType.CAN_ASSUME, arn),
                GraphEdge.of("ServiceAccount/production/gcp", EdgeType.CAN_ASSUME, "sa@proj.iam.gserviceaccount.com"),
                GraphEdge.of("ServiceAccount/production/azure", EdgeType.CAN_ASSUME, "azure:client-id:6f1c9a2e-0b3d-4e5f-8a7b-9c0d1e2f3a4b"));
        assertThat(result.nodes()).contains(
                new GraphNode(arn, "IamRole", null, Map.of()),
                new GraphNode("sa@proj.iam.gserviceaccount.com", "GcpServiceAccount", null, Map.of()),
                new GraphNode("azure:client-id:6f1c9a2e-0b3d-4e5f-8a7b-9c0d1e2f3a4b", "AzureManagedIdentity", null, Map.of()),
                new GraphNode("ServiceAccount/production/aws", "ServiceAccount", "production", Map.of()));
    }

    @Test
    void withoutPoliciesEveryOtherWorkloadCanReachAService() {
        var result = audit(NAMESPACES, PODS, List.of(), List.of(API), List.of());
        assertThat(result.edges()).filteredOn(e -> e.type() == EdgeType.CAN_REACH).containsExactlyInAnyOrder(
                GraphEdge.of("Deployment/development/web", EdgeType.CAN_REACH, "Service/production/api"),
                GraphEdge.of("Pod/production/worker", EdgeType.CAN_REACH, "Service/production/api"),
                GraphEdge.of("Service/production/api", EdgeType.CAN_REACH, "Deployment/production/api"));
    }

    @Test
    void theOperatorsSegmentPoliciesCutDevelopmentOffFromProduction() {
        var result = audit(NAMESPACES, PODS, List.of(), List.of(API), PRODUCTION_SEGMENT);
        assertThat(result.edges())
                .doesNotContain(GraphEdge.of("Deployment/development/web", EdgeType.CAN_REACH, "Service/production/api"))
                .contains(GraphEdge.of("Pod/production/worker", EdgeType.CAN_REACH, "Service/production/api"),
                        GraphEdge.of("Service/production/api", EdgeType.CAN_REACH, "Deployment/production/api"));
    }

    @Test
    void namespacesWithSegmentPoliciesAreInTheirSegment() {
        var result = audit(NAMESPACES, PODS, List.of(), List.of(API), PRODUCTION_SEGMENT);
        assertThat(result.edges()).filteredOn(e -> e.type() == EdgeType.IN_SEGMENT)
                .containsExactly(GraphEdge.of("Namespace//production", EdgeType.IN_SEGMENT, "NetworkSegment//production"));
        assertThat(result.nodes()).contains(new GraphNode("NetworkSegment//production", "NetworkSegment", null, Map.of()),
                new GraphNode("Namespace//production", "Namespace", null, Map.of("segment", "production")));
    }

    @Test
    void nodesCarryTheirObjectsLabelsAndAreSortedByKey() {
        var result = audit(NAMESPACES, PODS, List.of(), List.of(API), List.of());
        assertThat(result.nodes()).contains(
                new GraphNode("Deployment/production/api", "Deployment", "production", Map.of("app", "api", "nubicustos.io/crown-jewel", "true")),
                new GraphNode("Pod/production/worker", "Pod", "production", Map.of("app", "worker")),
                new GraphNode("Service/production/api", "Service", "production", Map.of("tier", "backend")),
                new GraphNode("ServiceAccount/production/default", "ServiceAccount", "production", Map.of()));
        assertThat(result.nodes()).extracting(GraphNode::key).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void lateralMovementScalesToTwoThousandPodsAndThreeHundredServices() {
        List<Namespace> namespaces = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        List<NetworkPolicy> policies = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            String ns = "ns-" + n;
            String segment = "segment-" + n % 4;
            namespaces.add(namespace(ns, Map.of("segment", segment)));
            for (int d = 0; d < 10; d++) {
                for (int replica = 0; replica < 5; replica++) {
                    pods.add(deploymentPod(ns, "app-" + d, Map.of("app", "app-" + d)));
                }
                if (services.size() < 300 && d < 8) {
                    services.add(service(ns, "app-" + d, Map.of("app", "app-" + d)));
                }
            }
            if (n % 2 == 0) {
                policies.add(policy("""
                        metadata: {name: deny, namespace: %s}
                        spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
                        """.formatted(ns)));
                policies.add(policy("""
                        metadata: {name: same-segment, namespace: %s}
                        spec:
                          podSelector: {}
                          policyTypes: [Ingress, Egress]
                          ingress: [{from: [{namespaceSelector: {matchLabels: {segment: %s}}}]}]
                          egress: [{to: [{namespaceSelector: {matchLabels: {segment: %s}}}]}]
                        """.formatted(ns, segment, segment)));
            }
        }
        assertThat(pods).hasSize(2000);
        assertThat(services).hasSize(300);

        // How fast is for a benchmark to say; this asserts the edges at that size.
        var result = audit(namespaces, pods, List.of(), services, policies);

        assertThat(result.edges()).contains(GraphEdge.of("Deployment/ns-1/app-9", EdgeType.CAN_REACH, "Service/ns-3/app-0"))
                .doesNotContain(GraphEdge.of("Deployment/ns-1/app-9", EdgeType.CAN_REACH, "Service/ns-2/app-0"),
                        GraphEdge.of("Deployment/ns-2/app-9", EdgeType.CAN_REACH, "Service/ns-3/app-0"))
                .contains(GraphEdge.of("Deployment/ns-2/app-9", EdgeType.CAN_REACH, "Service/ns-6/app-0"));
    }
}
