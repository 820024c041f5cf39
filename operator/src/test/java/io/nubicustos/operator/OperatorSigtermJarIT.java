package io.nubicustos.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.nubicustos.operator.config.OperatorBeans;
import io.nubicustos.operator.crd.RepositoryFiles;
import io.nubicustos.testing.PackagedJar;

/**
 * The packaged operator as the chart runs it (prod profile, leader election on) against an
 * in-memory API server: once it leads, SIGTERM must end it, cleanly and well inside the default
 * termination grace period. JOSDK's exit on losing the lease once made it hang in System.exit
 * inside the shutdown hook until SIGKILL.
 */
class OperatorSigtermJarIT {

    static final String NAMESPACE = "nubicustos-system";
    static final Duration GRACE = Duration.ofSeconds(10);

    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void cluster() {
        // CRUD, with the expectations below answered first.
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init();
        client = server.createClient();
        RepositoryFiles.crds().values().forEach(crd -> client.resource(crd).create());
        client.resource(RepositoryFiles.fixtureCrd("cert-manager.io_certificates.yaml")).create();
        client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        client.resource(new SecretBuilder().withNewMetadata().withName("nubicustos-upload-key").withNamespace(NAMESPACE).endMetadata()
                .addToData("key", Base64.getEncoder().encodeToString(new byte[32])).build()).create();
        // JOSDK checks its Lease rights before it stands for election.
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().withIncomplete(false)
                        .addToResourceRules(new ResourceRuleBuilder().withApiGroups("coordination.k8s.io").withResources("leases")
                                .withVerbs("get", "create", "update").build())
                        .endStatus().build())
                .always();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void theLeadingOperatorExitsWithStatusZeroWithinTenSecondsOfSigterm() throws Exception {
        Map<String, String> env = Map.of(
                "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", client.getConfiguration().getMasterUrl(),
                "QUARKUS_KUBERNETES_CLIENT_NAMESPACE", NAMESPACE,
                "KUBECONFIG", "/nonexistent",
                "QUARKUS_HTTP_PORT", "0",
                "QUARKUS_MANAGEMENT_PORT", "0");
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        try (PackagedJar operator = PackagedJar.start(jar, env, Path.of("target/packaged/operator-sigterm.log"))) {
            operator.awaitUntil(() -> lease() != null && lease().getSpec().getHolderIdentity() != null, Duration.ofSeconds(90),
                    "a Lease held by the operator");

            OptionalInt exit = operator.terminate(GRACE);

            assertThat(exit).as("exit after SIGTERM; still alive, its threads:\n%s", exit.isPresent() ? "" : operator.threadDump())
                    .isPresent();
            assertThat(exit.getAsInt()).as(operator.output()).isZero();
            assertThat(operator.output()).contains("Leadership released: the operator is stopping")
                    .doesNotContain("Stopped leading for identity");
        }
    }

    private Lease lease() {
        return client.resources(Lease.class).inNamespace(NAMESPACE).withName(OperatorBeans.LEASE_NAME).get();
    }
}
