package io.nubicustos.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.operator.crd.RepositoryFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The chart's RBAC is exactly what the operator uses. The operator runs as deployed (leader
 * election on, CRDs installed by Helm rather than by itself) against a mock API server that
 * records every request; the test drives each reconciler through every path that touches the API
 * (credentials validated, workload-identity ServiceAccounts created, re-annotated and opted in,
 * segments rendered, tampered with, narrowed and deleted, a scan run started, finished, pruned and
 * deleted). Then every recorded request must be allowed by the rendered ClusterRole and Lease Role,
 * and every permission those roles grant must have been used.
 */
@QuarkusTest
@TestProfile(OperatorRbacIT.AsDeployed.class)
@WithKubernetesTestServer(crud = true, setup = OperatorRbacIT.Cluster.class)
class OperatorRbacIT {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String OPERATOR_NS = Chart.NAMESPACE;
    static final String NS = "rbac";
    /** Requests of this test's own client carry this agent; everything else is the operator. */
    static final String TEST_AGENT = "nubicustos-rbac-it";

    /** The operator as the chart deploys it: leader election on, CRDs left to Helm. */
    public static class AsDeployed implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.operator-sdk.activate-leader-election-for-profiles", "test",
                    "quarkus.operator-sdk.crd.apply", "false");
        }
    }

    /** What Helm has installed before the operator starts: the CRDs (cert-manager's too), the namespace, the upload key. */
    public static class Cluster implements Consumer<KubernetesServer> {

        @Override
        public void accept(KubernetesServer server) {
            Recorder.install(server);
            KubernetesClient client = testClient(server);
            for (var crd : RepositoryFiles.crds().values()) {
                client.resource(crd).create();
            }
            client.resource(RepositoryFiles.fixtureCrd("cert-manager.io_certificates.yaml")).create();
            client.resource(new NamespaceBuilder().withNewMetadata().withName(OPERATOR_NS).endMetadata().build()).create();
            client.resource(new SecretBuilder().withNewMetadata().withName("nubicustos-upload-key").withNamespace(OPERATOR_NS).endMetadata()
                    .addToData("key", java.util.Base64.getEncoder().encodeToString(new byte[32])).build()).create();
            // JOSDK asks what it may do with Leases before electing; the answer is what the chart's Role grants.
            List<PolicyRule> leaseRules = leaseRole().getRules();
            server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                    .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().withIncomplete(false)
                            .withResourceRules(leaseRules.stream().map(r -> new ResourceRuleBuilder().withApiGroups(r.getApiGroups())
                                    .withResources(r.getResources()).withVerbs(r.getVerbs()).withResourceNames(r.getResourceNames()).build())
                                    .toList())
                            .endStatus().build())
                    .always();
        }
    }

    /**
     * Used on a path this test cannot provoke: when a finalizer patch conflicts, JOSDK reads the
     * primary again (ReconciliationDispatcher.conflictRetryingPatch) before retrying. Without it a
     * conflicting finalizer removal would leave the object stuck in deletion.
     */
    static final List<String> UNPROVOKED = List.of(
            "nubicustos.io/scanjobs get (ClusterRole nubicustos-operator)",
            "nubicustos.io/networksegments get (ClusterRole nubicustos-operator)");

    @KubernetesTestServer
    KubernetesServer server;

    @jakarta.inject.Inject
    io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration leaderElection;

    String leaseName;

    static final Chart.Rendered CHART = Chart.render("{}");

    static ClusterRole clusterRole() {
        return CHART.get(ClusterRole.class, "nubicustos-operator");
    }

    static Role leaseRole() {
        return CHART.get(Role.class, "nubicustos-operator-lease");
    }

    static KubernetesClient testClient(KubernetesServer server) {
        return new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(server.getClient().getConfiguration()).withUserAgent(TEST_AGENT).build()).build();
    }

    @Test
    void theChartGrantsEveryRequestTheOperatorMakesAndNothingItDoesNot() throws Exception {
        leaseName = leaderElection.getLeaseName();
        try (KubernetesClient client = testClient(server)) {
            await().atMost(TIMEOUT).until(() -> client.resources(io.fabric8.kubernetes.api.model.coordination.v1.Lease.class)
                    .inNamespace(OPERATOR_NS).withName(leaseName).get() != null);
            client.resource(new NamespaceBuilder().withNewMetadata().withName(NS)
                    .addToLabels(Map.of("kubernetes.io/metadata.name", NS, "nubicustos.io/segment", NS)).endMetadata().build()).create();
            credentials(client);
            segment(client);
            scanRun(client);
        }
        List<Recorder.Request> recorded = Recorder.all();
        assertThat(recorded).isNotEmpty();

        RbacRules chart = new RbacRules()
                .add("ClusterRole nubicustos-operator", null, clusterRole().getRules())
                .add("Role nubicustos-operator-lease", OPERATOR_NS, leaseRole().getRules())
                .add("Role nubicustos-operator-upload-key", OPERATOR_NS, CHART.get(Role.class, "nubicustos-operator-upload-key").getRules());
        List<ApiRequest> needed = new ArrayList<>();
        Set<String> everyone = new TreeSet<>();
        for (Recorder.Request r : recorded) {
            if (TEST_AGENT.equals(r.userAgent())) {
                continue;
            }
            ApiRequest request = ApiRequest.parse(r.method(), r.path());
            needed.addAll(impliedBy(request, r));
            if (grantedToEveryAuthenticatedUser(request)) {
                everyone.add(request.permission());
            } else {
                needed.add(request);
            }
        }

        Set<String> denied = new TreeSet<>();
        Set<RbacRules.Grant> used = new LinkedHashSet<>();
        for (ApiRequest request : needed) {
            List<RbacRules.Grant> allowing = chart.allowing(request);
            if (allowing.isEmpty()) {
                denied.add(request.toString());
            }
            used.addAll(allowing);
        }
        var softly = new org.assertj.core.api.SoftAssertions();
        softly.assertThat(denied).as("requests of the operator the chart's RBAC would refuse (403)").isEmpty();
        softly.assertThat(chart.grants().stream().filter(g -> !used.contains(g)).map(Object::toString).toList())
                .as("permissions the chart grants but the operator never used").isSubsetOf(UNPROVOKED);
        softly.assertThat(everyone).as("requests every authenticated user may make (system:discovery, system:basic-user)")
                .allMatch(p -> p.startsWith("get /") || p.equals("authorization.k8s.io/selfsubjectrulesreviews create"));
        softly.assertAll();
    }

    /**
     * Discovery and version (system:discovery, system:public-info-viewer) and self-reviews
     * (system:basic-user) are granted to every authenticated user by the default roles.
     */
    private static boolean grantedToEveryAuthenticatedUser(ApiRequest request) {
        return !request.isResource()
                || request.group().equals("authorization.k8s.io") && request.resource().startsWith("selfsubject") && request.verb().equals("create");
    }

    /**
     * What is checked beyond the request itself: binding a ClusterRole needs "bind" on it (or every
     * permission it grants); an owner reference that blocks its owner's deletion needs "update" on
     * the owner's finalizers (OwnerReferencesPermissionEnforcement); JOSDK reviews its Lease rights.
     */
    private List<ApiRequest> impliedBy(ApiRequest request, Recorder.Request recorded) throws Exception {
        List<ApiRequest> implied = new ArrayList<>();
        if (!request.isResource() || !request.verb().equals("create") && !request.verb().equals("update")) {
            return implied;
        }
        JsonNode body = RepositoryFiles.YAML.readTree(recorded.body());
        if (request.resource().equals("selfsubjectrulesreviews")) {
            // JOSDK's leader election starts only if this review lists create, update and get on Leases
            // (LeaderElectionManager.checkLeaseAccess), whatever verbs the renewals then use.
            for (String verb : List.of("get", "create", "update")) {
                implied.add(new ApiRequest(verb, "coordination.k8s.io", "leases", body.at("/spec/namespace").asText(),
                        verb.equals("create") ? null : leaseName, request.path()));
            }
        }
        if (request.resource().equals("clusterrolebindings") || request.resource().equals("rolebindings")) {
            JsonNode role = body.path("roleRef");
            implied.add(new ApiRequest("bind", role.path("apiGroup").asText(), role.path("kind").asText().equals("ClusterRole") ? "clusterroles" : "roles",
                    request.namespace(), role.path("name").asText(), request.path()));
        }
        for (JsonNode owner : body.at("/metadata/ownerReferences")) {
            if (owner.path("blockOwnerDeletion").asBoolean(false)) {
                String kind = owner.path("kind").asText();
                var crd = RepositoryFiles.crds().get(kind);
                assertThat(crd).as("owner kind " + kind).isNotNull();
                implied.add(new ApiRequest("update", crd.getSpec().getGroup(), crd.getSpec().getNames().getPlural() + "/finalizers",
                        crd.getSpec().getScope().equals("Namespaced") ? request.namespace() : null, owner.path("name").asText(), request.path()));
            }
        }
        return implied;
    }

    /**
     * A Secret its owner opted in, validated; a workload-identity ServiceAccount created and later
     * re-annotated (it owns it), another used as its owner opted it in.
     */
    private static void credentials(KubernetesClient client) {
        client.resource(new SecretBuilder().withNewMetadata().withName("aws-keys").withNamespace(NS)
                .addToLabels("nubicustos.io/credential", "aws-keys").endMetadata()
                .addToStringData("credentials", "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                        + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n").build()).create();
        client.resource(new ServiceAccountBuilder().withNewMetadata().withName("opted-in").withNamespace(NS)
                .addToLabels("nubicustos.io/credential", "irsa-opted-in")
                .addToAnnotations("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/NubicustosReadOnly").endMetadata().build()).create();
        apply(client, CloudCredential.class, """
                apiVersion: nubicustos.io/v1alpha1
                kind: CloudCredential
                metadata: {name: aws-keys, namespace: rbac}
                spec:
                  provider: aws
                  secretRef: {name: aws-keys, keys: [credentials]}
                  aws: {authMethod: static-keys, region: eu-west-1}
                """);
        String irsa = """
                apiVersion: nubicustos.io/v1alpha1
                kind: CloudCredential
                metadata: {name: irsa-%s, namespace: rbac}
                spec:
                  provider: aws
                  aws: {authMethod: workload-identity, region: eu-central-1}
                  workloadIdentity:
                    serviceAccountName: %s
                    annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/%s"}
                """;
        for (String account : List.of("created", "opted-in")) {
            apply(client, CloudCredential.class, irsa.formatted(account, account, "NubicustosReadOnly"));
        }
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(client.serviceAccounts().inNamespace(NS).withName("created").get()).isNotNull();
            assertThat(client.resources(CloudCredential.class).inNamespace(NS).withName("aws-keys").get().getStatus().getFingerprint())
                    .isNotBlank();
            assertThat(client.resources(CloudCredential.class).inNamespace(NS).withName("irsa-opted-in").get().getStatus().getConditions())
                    .anySatisfy(c -> assertThat(c.getType() + c.getStatus()).isEqualTo("ValidTrue"));
        });
        // Another role for the ServiceAccount the operator owns: it re-annotates it.
        apply(client, CloudCredential.class, irsa.formatted("created", "created", "NubicustosAudit"));
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(client.serviceAccounts().inNamespace(NS).withName("created")
                .get().getMetadata().getAnnotations()).containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/NubicustosAudit"));
    }

    /** Policies and Certificates rendered, repaired after tampering, narrowed, then removed with the segment. */
    private static void segment(KubernetesClient client) {
        String segment = """
                apiVersion: nubicustos.io/v1alpha1
                kind: NetworkSegment
                metadata: {name: rbac}
                spec:
                  cidr: 10.60.0.0/24
                  namespaceSelector: {matchLabels: {nubicustos.io/segment: rbac}}
                  externalAccess: %s
                  tls:
                    issuerRef: {name: atlas-internal-ca, kind: ClusterIssuer}
                    services: %s
                """;
        apply(client, NetworkSegment.class, segment.formatted("nat", "[{name: web, namespace: rbac}, {name: db, namespace: rbac}]"));
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(policies(client)).contains("nubicustos-rbac-nat-egress", "nubicustos-rbac-default-deny");
            assertThat(certificates(client)).hasSize(2);
        });
        // Tampering: the operator puts its policy and certificate back.
        client.network().v1().networkPolicies().inNamespace(NS).withName("nubicustos-rbac-default-deny").edit(p -> {
            p.getSpec().setPolicyTypes(List.of("Ingress"));
            return p;
        });
        client.resources(Certificate.class).inNamespace(NS).withName(certificates(client).get(0)).edit(c -> {
            c.getSpec().setDnsNames(List.of("evil.example.com"));
            return c;
        });
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(client.network().v1().networkPolicies().inNamespace(NS).withName("nubicustos-rbac-default-deny").get()
                    .getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(client.resources(Certificate.class).inNamespace(NS).list().getItems())
                    .allSatisfy(c -> assertThat(c.getSpec().getDnsNames()).doesNotContain("evil.example.com"));
        });
        // Narrowing: what the segment no longer asks for goes.
        apply(client, NetworkSegment.class, segment.formatted("none", "[{name: web, namespace: rbac}]"));
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(policies(client)).doesNotContain("nubicustos-rbac-nat-egress");
            assertThat(certificates(client)).hasSize(1);
        });
        client.resources(NetworkSegment.class).withName("rbac").delete();
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(client.resources(NetworkSegment.class).withName("rbac").get()).isNull();
            assertThat(policies(client)).isEmpty();
            assertThat(certificates(client)).isEmpty();
        });
    }

    /** The built-in audit: its identity, token and Job created; the Job finished, pruned, and the ScanJob deleted. */
    private static void scanRun(KubernetesClient client) {
        apply(client, ScanJob.class, """
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: audit, namespace: rbac}
                spec:
                  tool: kubernetes
                  provider: kubernetes
                  historyLimit: {successful: 0, failed: 0}
                """);
        Job job = await().atMost(TIMEOUT).ignoreExceptions()
                .until(() -> client.batch().v1().jobs().inNamespace(NS).withLabel("nubicustos.io/scanjob", "audit").list().getItems().get(0),
                        j -> j != null);
        assertThat(client.rbac().roleBindings().inNamespace(NS).withName("nubicustos-audit").get().getRoleRef().getName())
                .as("the audit identity is bound in its namespace to the chart's audit role").isEqualTo("nubicustos-audit");
        client.resource(new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-pod").withNamespace(NS)
                .addToLabels("job-name", job.getMetadata().getName()).endMetadata()
                .withNewStatus().withContainerStatuses(new ContainerStatusBuilder().withName("scanner").withNewState().withNewTerminated()
                        .withExitCode(0).withMessage("{\"critical\":1,\"high\":2,\"medium\":0,\"low\":0,\"info\":0}").endTerminated().endState().build())
                .endStatus().build()).create();
        client.batch().v1().jobs().inNamespace(NS).withName(job.getMetadata().getName()).editStatus(j -> {
            j.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType("Complete").withStatus("True")
                    .withLastTransitionTime(Instant.now().toString()).build()).withCompletionTime(Instant.now().toString()).build());
            return j;
        });
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ScanJob current = client.resources(ScanJob.class).inNamespace(NS).withName("audit").get();
            assertThat(current.getStatus().getLastRun().getOutcome()).isEqualTo("Succeeded");
            assertThat(client.batch().v1().jobs().inNamespace(NS).withName(job.getMetadata().getName()).get())
                    .as("pruned: historyLimit 0").isNull();
        });
        client.resources(ScanJob.class).inNamespace(NS).withName("audit").delete();
        await().atMost(TIMEOUT).until(() -> client.resources(ScanJob.class).inNamespace(NS).withName("audit").get() == null);
        // The namespace's last ScanJob reading the API took the audit identity with it.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(client.rbac().roleBindings().inNamespace(NS).withName("nubicustos-audit").get()).isNull();
            assertThat(client.serviceAccounts().inNamespace(NS).withName("nubicustos-audit").get()).isNull();
        });
    }

    private static <T extends HasMetadata> void apply(KubernetesClient client, Class<T> type, String yaml) {
        client.resource(client.getKubernetesSerialization().unmarshal(yaml, type)).createOr(NonDeletingOperation::update);
    }

    private static List<String> policies(KubernetesClient client) {
        return client.network().v1().networkPolicies().inNamespace(NS).list().getItems().stream()
                .map(NetworkPolicy::getMetadata).map(m -> m.getName()).collect(Collectors.toList());
    }

    private static List<String> certificates(KubernetesClient client) {
        return client.resources(Certificate.class).inNamespace(NS).list().getItems().stream()
                .map(c -> c.getMetadata().getName()).sorted().toList();
    }

    /**
     * Records every request the mock server receives, with its body: the CRUD dispatcher consumes
     * request bodies, so the server's own queue of recorded requests has them empty.
     */
    static final class Recorder extends Dispatcher {

        record Request(String method, String path, String userAgent, String body) {
        }

        private static final java.util.Queue<Request> REQUESTS = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final Dispatcher delegate;

        private Recorder(Dispatcher delegate) {
            this.delegate = delegate;
        }

        static void install(KubernetesServer server) {
            try {
                var field = io.fabric8.mockwebserver.DefaultMockServer.class.getDeclaredField("server");
                field.setAccessible(true);
                var web = (io.fabric8.mockwebserver.MockWebServer) field.get(server.getKubernetesMockServer());
                var current = io.fabric8.mockwebserver.MockWebServer.class.getDeclaredField("dispatcher");
                current.setAccessible(true);
                web.setDispatcher(new Recorder((Dispatcher) current.get(web)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot record the mock server's requests", e);
            }
        }

        static List<Request> all() {
            return List.copyOf(REQUESTS);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
            REQUESTS.add(new Request(request.getMethod(), request.getPath(), request.getHeader("User-Agent"),
                    new String(body, java.nio.charset.StandardCharsets.UTF_8)));
            return delegate.dispatch(request);
        }

        @Override
        public void shutdown() {
            delegate.shutdown();
        }
    }
}
