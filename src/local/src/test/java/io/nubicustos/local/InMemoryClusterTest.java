package io.nubicustos.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** The in-memory Kubernetes API answers this run's bearer token only, and the kubeconfig holding it is the user's alone. */
class InMemoryClusterTest {

    static final Path ROOT = Path.of(System.getProperty("nubicustos.root", "../.."));
    static final String TOKEN = "planted-kubernetes-token-5Tq9XvB2";

    @TempDir
    Path data;
    InMemoryCluster cluster;
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.url() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsWithoutTheTokenOrWithAnotherGet401AndNothingOfTheStore() throws Exception {
        cluster = InMemoryCluster.start(ROOT, data.resolve("kubeconfig"), TOKEN);
        cluster.client().secrets().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                .withName("nubicustos-upload-key").endMetadata().addToData("key", "c2lnbmluZy1rZXk=").build()).create();
        String secret = "/api/v1/namespaces/default/secrets/nubicustos-upload-key";

        for (String authorization : new String[] { null, "Bearer wrong-token-value", "Bearer " + TOKEN + "x", "Basic " + TOKEN, TOKEN, "Bearer " }) {
            for (String path : new String[] { secret, "/api/v1/namespaces", "/version", "/apis", "/api/v1/secrets?watch=true" }) {
                HttpResponse<String> response = get(path, authorization);
                assertThat(response.statusCode()).as(path + " with " + authorization).isEqualTo(401);
                assertThat(response.body()).doesNotContain("c2lnbmluZy1rZXk=").contains("Unauthorized");
                if (authorization != null && !authorization.isBlank() && !authorization.equals("Bearer ")) {
                    assertThat(response.body()).as("never echoes what was sent").doesNotContain(authorization.replace("Bearer ", ""));
                }
            }
        }
        assertThat(get(secret, "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void theKubeconfigIsPrivateAndItsTokenIsTheOneThatWorks() throws Exception {
        Path kubeconfig = data.resolve("kubeconfig");
        cluster = InMemoryCluster.start(ROOT, kubeconfig, TOKEN);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig))).isEqualTo("rw-------");
        assertThat(cluster.url()).startsWith("http://127.0.0.1:");
        int port = URI.create(cluster.url()).getPort();
        assertThat(LocalProcesses.listeningOn(port)).as("where the in-memory API listens").containsExactly("127.0.0.1:" + port);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
            assertThat(client.namespaces().list().getItems()).isNotNull();
            assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems()).isNotEmpty();
        }
    }
}
