package io.nubicustos.scanner.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.graph.EdgeType;
import io.nubicustos.model.graph.GraphEdge;
import io.nubicustos.model.graph.GraphNode;

/**
 * Every check of the built-in audit on Fabric8's mock API server: a planted object that breaks
 * the check is reported, a hardened one is not. The audit reads the cluster as in a scan pod.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesAuditTest {

    static KubernetesClient client;
    static KubernetesAudit.Result result;

    static final String GOOD_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: good, namespace: audit, labels: {app: good}}
            spec:
              serviceAccountName: app
              automountServiceAccountToken: false
              securityContext: {runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: RuntimeDefault}}
              containers:
              - name: app
                image: registry.example/app:1.2.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
                resources: {limits: {cpu: "1", memory: 1Gi}}
            """;

    static final List<Arguments> ROWS = new ArrayList<>();

    static Pod pod(String name, Consumer<Pod> breakIt) {
        Pod pod = client.getKubernetesSerialization().unmarshal(GOOD_POD, Pod.class);
        pod.getMetadata().setName(name);
        breakIt.accept(pod);
        return pod;
    }

    static void podRow(AuditCheck check, Consumer<Pod> breakIt) {
        String name = "bad-" + check.id();
        client.resource(pod(name, breakIt)).create();
        ROWS.add(Arguments.of(check.id(), "Pod/audit/" + name, "Pod/audit/good"));
    }

    static <T extends HasMetadata> void create(String yaml) {
        client.resource(client.getKubernetesSerialization().unmarshal(yaml, HasMetadata.class)).create();
    }

    @BeforeAll
    static void plantAndAudit() {
        create("{apiVersion: v1, kind: Namespace, metadata: {name: audit}}".replace("{apiVersion", "---\n{apiVersion"));
        create("---\n{apiVersion: v1, kind: Namespace, metadata: {name: audit-open}}");
        create("---\n{apiVersion: v1, kind: ServiceAccount, metadata: {name: default, namespace: audit}, automountServiceAccountToken: false}");
        create("---\n{apiVersion: v1, kind: ServiceAccount, metadata: {name: default, namespace: audit-open}}");
        create("---\n{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: deny, namespace: audit}, spec: {podSelector: {}}}");
        client.resource(pod("good", p -> { })).create();

        podRow(AuditChecks.PRIVILEGED, p -> p.getSpec().getContainers().get(0).getSecurityContext().setPrivileged(true));
        podRow(AuditChecks.HOST_PID, p -> p.getSpec().setHostPID(true));
        podRow(AuditChecks.HOST_IPC, p -> p.getSpec().setHostIPC(true));
        podRow(AuditChecks.HOST_NETWORK, p -> p.getSpec().setHostNetwork(true));
        podRow(AuditChecks.HOST_PATH, p -> p.getSpec().getVolumes().add(new io.fabric8.kubernetes.api.model.VolumeBuilder()
                .withName("root").withNewHostPath().withPath("/").endHostPath().build()));
        podRow(AuditChecks.HOST_PORT, p -> p.getSpec().getContainers().get(0).getPorts().add(
                new io.fabric8.kubernetes.api.model.ContainerPortBuilder().withContainerPort(80).withHostPort(80).build()));
        podRow(AuditChecks.RUN_AS_ROOT, p -> p.getSpec().getContainers().get(0).getSecurityContext().setRunAsUser(0L));
        podRow(AuditChecks.PRIVILEGE_ESCALATION, p -> p.getSpec().getContainers().get(0).getSecurityContext().setAllowPrivilegeEscalation(true));
        podRow(AuditChecks.ADDED_CAPABILITIES, p -> p.getSpec().getContainers().get(0).getSecurityContext().getCapabilities()
                .setAdd(List.of("NET_ADMIN")));
        podRow(AuditChecks.CAPABILITIES_NOT_DROPPED, p -> p.getSpec().getContainers().get(0).getSecurityContext().getCapabilities()
                .setDrop(List.of("NET_RAW")));
        podRow(AuditChecks.MISSING_SECCOMP, p -> p.getSpec().getSecurityContext().setSeccompProfile(null));
        podRow(AuditChecks.WRITABLE_ROOT, p -> p.getSpec().getContainers().get(0).getSecurityContext().setReadOnlyRootFilesystem(false));
        podRow(AuditChecks.NO_LIMITS, p -> p.getSpec().getContainers().get(0).setResources(null));
        podRow(AuditChecks.LATEST_TAG, p -> p.getSpec().getContainers().get(0).setImage("nginx:latest"));
        podRow(AuditChecks.NO_DIGEST, p -> p.getSpec().getContainers().get(0).setImage("nginx:1.27.0"));
        podRow(AuditChecks.SECRET_IN_ENV, p -> p.getSpec().getContainers().get(0).getEnv().add(new io.fabric8.kubernetes.api.model.EnvVarBuilder()
                .withName("DB_PASSWORD").withNewValueFrom().withNewSecretKeyRef("password", "db", false).endValueFrom().build()));
        podRow(AuditChecks.POD_DEFAULT_SA, p -> {
            p.getMetadata().setNamespace("audit-open");
            p.getSpec().setServiceAccountName(null);
            p.getSpec().setAutomountServiceAccountToken(null);
        });
        ROWS.set(ROWS.size() - 1, Arguments.of(AuditChecks.POD_DEFAULT_SA.id(), "Pod/audit-open/bad-pod-default-sa-token", "Pod/audit/good"));
        ROWS.add(Arguments.of(AuditChecks.DEFAULT_SA_AUTOMOUNT.id(), "ServiceAccount/audit-open/default", "ServiceAccount/audit/default"));
        ROWS.add(Arguments.of(AuditChecks.NO_NETWORK_POLICY.id(), "Namespace//audit-open", "Namespace//audit"));

        create("---\n{apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: reader, namespace: audit}, "
                + "rules: [{apiGroups: [''], resources: [pods], verbs: [get, list]}]}");
        String[][] roles = {
                { AuditChecks.RBAC_WILDCARD.id(), "{apiGroups: ['*'], resources: ['*'], verbs: ['*']}" },
                { AuditChecks.RBAC_SECRETS.id(), "{apiGroups: [''], resources: [secrets], verbs: [get]}" },
                { AuditChecks.RBAC_EXEC.id(), "{apiGroups: [''], resources: [pods/exec], verbs: [create]}" },
                { AuditChecks.RBAC_ESCALATION.id(), "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind]}" },
                { AuditChecks.RBAC_CREATE_PODS.id(), "{apiGroups: [apps], resources: [deployments], verbs: [create]}" } };
        for (String[] role : roles) {
            create("---\n{apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: " + role[0] + ", namespace: audit}, rules: ["
                    + role[1] + "]}");
            ROWS.add(Arguments.of(role[0], "Role/audit/" + role[0], "Role/audit/reader"));
        }
        create("---\n{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: ci-admin}, "
                + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}, "
                + "subjects: [{kind: ServiceAccount, name: ci, namespace: audit}]}");
        create("---\n{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: masters}, "
                + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}, "
                + "subjects: [{kind: Group, name: 'system:masters', apiGroup: rbac.authorization.k8s.io}]}");
        ROWS.add(Arguments.of(AuditChecks.RBAC_CLUSTER_ADMIN.id(), "ClusterRoleBinding//ci-admin", "ClusterRoleBinding//masters"));

        create("---\n{apiVersion: v1, kind: Service, metadata: {name: public, namespace: audit}, spec: {type: LoadBalancer, "
                + "selector: {app: web}, ports: [{port: 80}]}}");
        create("---\n{apiVersion: v1, kind: Service, metadata: {name: nodeport, namespace: audit}, spec: {type: NodePort, ports: [{port: 80}]}}");
        create("---\n{apiVersion: v1, kind: Service, metadata: {name: internal, namespace: audit}, spec: {type: ClusterIP, ports: [{port: 80}]}}");
        ROWS.add(Arguments.of(AuditChecks.LOAD_BALANCER.id(), "Service/audit/public", "Service/audit/internal"));
        ROWS.add(Arguments.of(AuditChecks.NODE_PORT.id(), "Service/audit/nodeport", "Service/audit/internal"));
        create("---\n{apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: plain, namespace: audit}, spec: {rules: [{http: "
                + "{paths: [{path: /, pathType: Prefix, backend: {service: {name: internal, port: {number: 80}}}}]}}]}}");
        create("---\n{apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: tls, namespace: audit}, spec: {tls: [{hosts: [a.example]}], "
                + "rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: internal, port: {number: 80}}}}]}}]}}");
        ROWS.add(Arguments.of(AuditChecks.INGRESS_NO_TLS.id(), "Ingress/audit/plain", "Ingress/audit/tls"));
        ROWS.add(Arguments.of(AuditChecks.INGRESS_EXPOSURE.id(), "Ingress/audit/tls", "Service/audit/internal"));

        // An exposed, privileged web Deployment running as a ServiceAccount bound to cluster-admin: the path of the demo.
        Pod web = pod("web-7c9d-xyz", p -> {
            p.getMetadata().getLabels().put("app", "web");
            p.getSpec().getContainers().get(0).getSecurityContext().setPrivileged(true);
            p.getSpec().setServiceAccountName("ci");
            p.getSpec().setNodeName("node-1");
            p.getMetadata().getOwnerReferences().add(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder().withKind("ReplicaSet")
                    .withName("web-7c9d").withController(true).withApiVersion("apps/v1").withUid("u").build());
        });
        client.resource(web).create();

        result = KubernetesAudit.run(ClusterSnapshot.read(client, "test-cluster"));
    }

    static Stream<Arguments> rows() {
        return ROWS.stream();
    }

    @ParameterizedTest(name = "{0}: {1} reported, {2} not")
    @MethodSource("rows")
    void everyCheckCatchesItsCaseAndSparesTheHardenedOne(String check, String bad, String good) {
        List<String> flagged = result.findings().stream().filter(f -> f.checkId().equals(check)).map(NormalizedFinding::resource).toList();
        assertThat(flagged).contains(bad).doesNotContain(good);
    }

    @Test
    void everyCheckHasACaseAndAtLeastTwentyFiveExist() {
        assertThat(AuditChecks.ALL).hasSizeGreaterThanOrEqualTo(25);
        assertThat(ROWS.stream().map(r -> (String) r.get()[0])).containsAll(AuditChecks.ALL.stream().map(AuditCheck::id).toList());
        assertThat(AuditChecks.ALL).allSatisfy(c -> assertThat(c.compliance()).isNotEmpty());
    }

    @Test
    void podsOfADeploymentAreReportedAsTheDeployment() {
        assertThat(result.findings()).anySatisfy(f -> assertThat(f.resource()).isEqualTo("Deployment/audit/web"));
        assertThat(result.findings()).noneSatisfy(f -> assertThat(f.resource()).contains("web-7c9d-xyz"));
    }

    @Test
    void edgesLeadFromTheInternetToClusterAdmin() {
        assertThat(result.edges()).contains(
                GraphEdge.of("Internet", EdgeType.CAN_REACH, "Service/audit/public"),
                GraphEdge.of("Service/audit/public", EdgeType.CAN_REACH, "Deployment/audit/web"),
                GraphEdge.of("Deployment/audit/web", EdgeType.RUNS_AS, "ServiceAccount/audit/ci"),
                GraphEdge.of("ServiceAccount/audit/ci", EdgeType.BOUND_TO, "ClusterRole//cluster-admin"),
                GraphEdge.of("Deployment/audit/web", EdgeType.RUNS_ON, "Node//node-1"),
                GraphEdge.of("Internet", EdgeType.CAN_REACH, "Ingress/audit/plain"),
                GraphEdge.of("Ingress/audit/plain", EdgeType.CAN_REACH, "Service/audit/internal"));
    }

    @Test
    void everyAssetAnEdgeOrAFindingNamesIsANode() {
        Set<String> keys = result.nodes().stream().map(GraphNode::key).collect(Collectors.toSet());
        assertThat(keys).containsAll(result.findings().stream().map(NormalizedFinding::resource).toList());
        assertThat(keys).containsAll(result.edges().stream().flatMap(e -> Stream.of(e.from(), e.to())).toList());
        assertThat(result.nodes()).contains(new GraphNode("Internet", "Internet", null, Map.of()),
                new GraphNode("ClusterRoleBinding//ci-admin", "ClusterRoleBinding", null, Map.of()),
                new GraphNode("Deployment/audit/web", "Deployment", "audit", Map.of("app", "web")));
    }

    @Test
    void findingsCarryTheClusterAndCisIds() {
        assertThat(result.findings()).allSatisfy(f -> {
            assertThat(f.account()).isEqualTo("test-cluster");
            assertThat(f.tool()).isEqualTo("kubernetes");
        });
        assertThat(result.findings()).filteredOn(f -> f.checkId().equals("privileged-container")).first()
                .satisfies(f -> {
                    assertThat(f.compliance()).containsEntry("CIS-Kubernetes-1.8", List.of("5.2.2"));
                    assertThat(f.control()).isEqualTo("cis-k8s-5.2.2:privileged");
                });
    }

    @org.junit.jupiter.api.Test
    void finishedPodsAndTheScannersOwnPodsAreNotAudited() {
        Pod running = pod("running", p -> p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").build()));
        Pod pending = pod("pending", p -> { });
        Pod done = pod("done", p -> p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Succeeded").build()));
        Pod failed = pod("failed", p -> p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Failed").build()));
        Pod scan = pod("scan", p -> p.getMetadata().setLabels(java.util.Map.of("app.kubernetes.io/managed-by", "nubicustos-operator")));

        org.assertj.core.api.Assertions.assertThat(ClusterSnapshot.liveWorkloads(List.of(running, pending, done, failed, scan)))
                .containsExactly(running, pending);
    }
}
