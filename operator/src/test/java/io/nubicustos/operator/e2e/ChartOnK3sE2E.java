package io.nubicustos.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanPhase;
import io.nubicustos.operator.crd.RepositoryFiles;

/**
 * The chart installed on a real cluster (k3s) from the images `make image` builds: in a namespace
 * enforcing the restricted Pod Security Standard, with the bundled databases, the chart's RBAC and
 * NetworkPolicies in force. A built-in audit runs and its findings reach the API; the sample
 * segments render policies that k3s enforces; an upgrade keeps the generated keys. Skipped without
 * a Docker engine or without the image tarballs (target/images/{operator,api,scanner}.tar).
 */
@Testcontainers(disabledWithoutDocker = true)
@EnabledIf(value = "imagesBuilt", disabledReason = "no image tarballs in target/images (operator.tar, api.tar, scanner.tar): run `make image` first")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChartOnK3sE2E {

    static final Path IMAGES = RepositoryFiles.root().resolve("target/images");
    static final List<String> IMAGE_NAMES = List.of("operator", "api", "scanner");
    static final String NS = "nubicustos-system";
    static final Duration SLOW = Duration.ofMinutes(10);

    @Container
    static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

    static KubernetesClient client;

    static boolean imagesBuilt() {
        return IMAGE_NAMES.stream().allMatch(name -> Files.isRegularFile(IMAGES.resolve(name + ".tar")));
    }

    @BeforeAll
    static void install() throws Exception {
        for (String name : IMAGE_NAMES) {
            K3S.copyFileToContainer(MountableFile.forHostPath(IMAGES.resolve(name + ".tar")), "/tmp/" + name + ".tar");
            ExecResult imported = K3S.execInContainer("ctr", "-n", "k8s.io", "images", "import", "/tmp/" + name + ".tar");
            assertThat(imported.getExitCode()).as("importing %s: %s", name, imported.getStderr()).isZero();
        }
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build();
        // The chart's pods must be admitted where the restricted profile is enforced.
        client.resource(new NamespaceBuilder().withNewMetadata().withName(NS)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted").endMetadata().build()).create();
        helm().install().withName("nubicustos").withNamespace(NS).withKubeConfigContents(K3S.getKubeConfigYaml())
                .set("postgresql.bundled", "true").set("neo4j.bundled", "true").set("images.pullPolicy", "IfNotPresent")
                .waitReady().withTimeout((int) SLOW.toSeconds()).call();
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    static Helm helm() {
        return new Helm(RepositoryFiles.root().resolve("helm/nubicustos"));
    }

    @Test
    @Order(1)
    void aBuiltInAuditCompletesAndItsFindingsAreInTheApi() throws Exception {
        client.resource(new NamespaceBuilder().withNewMetadata().withName("security").endMetadata().build()).create();
        client.resource(client.getKubernetesSerialization().unmarshal("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: kubernetes-audit, namespace: security}
                spec: {tool: kubernetes, provider: kubernetes, profile: comprehensive}
                """, ScanJob.class)).create();
        await().atMost(SLOW).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
            ScanJob job = client.resources(ScanJob.class).inNamespace("security").withName("kubernetes-audit").get();
            assertThat(job.getStatus()).isNotNull();
            assertThat(job.getStatus().getPhase()).isEqualTo(ScanPhase.SUCCEEDED);
        });

        String adminKey = new String(Base64.getDecoder().decode(
                client.secrets().inNamespace(NS).withName("nubicustos-api-keys").get().getData().get("admin-key")), StandardCharsets.UTF_8);
        try (LocalPortForward api = client.services().inNamespace(NS).withName("nubicustos-api").portForward(8080)) {
            HttpResponse<String> summary = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + api.getLocalPort() + "/api/findings/summary"))
                    .header("X-API-Key", adminKey).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(summary.body());
            assertThat(body.path("total").asLong()).as("findings of the audit: %s", summary.body()).isPositive();
            // Atlas's headers on every answer.
            assertThat(summary.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    @Order(2)
    void sampleSegmentsRenderPoliciesThatKeepDevelopmentOutOfProduction() {
        for (String segment : List.of("development", "production")) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(segment)
                    .addToLabels("nubicustos.io/segment", segment).endMetadata().build()).create();
        }
        for (var document : RepositoryFiles.documents("config/samples/networksegments")) {
            client.resource(client.getKubernetesSerialization().convertValue(document.content(), HasMetadata.class)).create();
        }
        await().atMost(SLOW).untilAsserted(() -> {
            assertThat(client.network().v1().networkPolicies().inNamespace("development").withLabel("nubicustos.io/segment", "development")
                    .list().getItems()).extracting(NetworkPolicy::getMetadata).extracting(m -> m.getName())
                    .contains("nubicustos-development-default-deny", "nubicustos-development-same-segment");
            NetworkSegment production = client.resources(NetworkSegment.class).withName("production").get();
            assertThat(production.getStatus().getPolicies()).isPositive();
        });

        Pod server = client.resource(pod("web", "production",
                List.of("sh", "-c", "mkdir -p /tmp/www && echo ok > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www"))).create();
        String ip = await().atMost(SLOW).until(() -> client.pods().inNamespace("production").withName("web").get().getStatus().getPodIP(),
                address -> address != null && !address.isBlank());
        assertThat(server).isNotNull();
        // Same segment: allowed (so the server does answer); from development: refused.
        assertThat(reaches("production", ip)).as("production reaches production").isTrue();
        assertThat(reaches("development", ip)).as("development reaches production").isFalse();
    }

    @Test
    @Order(3)
    void anUpgradeKeepsTheGeneratedKeys() {
        Map<String, String> before = client.secrets().inNamespace(NS).withName("nubicustos-api-keys").get().getData();
        Map<String, String> uploadBefore = client.secrets().inNamespace(NS).withName("nubicustos-upload-key").get().getData();
        helm().upgrade().withName("nubicustos").withNamespace(NS).withKubeConfigContents(K3S.getKubeConfigYaml())
                .set("postgresql.bundled", "true").set("neo4j.bundled", "true").set("operator.maxRunningScans", "5")
                .waitReady().withTimeout((int) SLOW.toSeconds()).call();
        assertThat(client.secrets().inNamespace(NS).withName("nubicustos-api-keys").get().getData()).isEqualTo(before);
        assertThat(client.secrets().inNamespace(NS).withName("nubicustos-upload-key").get().getData()).isEqualTo(uploadBefore);
    }

    /** Whether a pod of the namespace can open http://ip:8080 within 5 seconds. */
    private static boolean reaches(String namespace, String ip) {
        String name = "probe-" + Long.toHexString(System.nanoTime());
        client.resource(pod(name, namespace, List.of("wget", "-q", "-T", "5", "-O", "/dev/null", "http://" + ip + ":8080/"))).create();
        Pod done = await().atMost(SLOW).until(() -> client.pods().inNamespace(namespace).withName(name).get(),
                p -> p.getStatus() != null && List.of("Succeeded", "Failed").contains(p.getStatus().getPhase()));
        return done.getStatus().getPhase().equals("Succeeded");
    }

    private static Pod pod(String name, String namespace, List<String> command) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withRestartPolicy("Never").withAutomountServiceAccountToken(false)
                .addNewContainer().withName("main").withImage("busybox:1.36").withCommand(command)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(65534L).withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .endContainer().endSpec().build();
    }
}
