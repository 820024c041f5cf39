package io.nubicustos.local;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * An in-memory Kubernetes API: Fabric8's mock server in CRUD mode (with server-side apply), over plain HTTP on 127.0.0.1,
 * answering only requests with this run's bearer token (others get 401), with the project's CRDs installed and a
 * kubeconfig holding the token written 0600 for other clients (the operator, kubectl, curl).
 */
final class InMemoryCluster implements AutoCloseable {

    /** Held so the level sticks: the mock server logs every request at INFO. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final String url;

    private InMemoryCluster(KubernetesMockServer server, int port, String token) {
        this.server = server;
        this.url = "http://127.0.0.1:" + port;
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withOauthToken(token).withNamespace("default")
                .withHttp2Disable(true).build();
        this.client = server.createClient(builder -> builder.withConfig(config));
    }

    /** Starts the API on a free port of 127.0.0.1, answering {@code token} only, and writes {@code kubeconfig} (0600) for it. */
    static InMemoryCluster start(Path repository, Path kubeconfig, String token) throws IOException {
        randomizeUids();
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new BearerTokenDispatcher(token, new ServerSideApplyDispatcher()), false);
        int port = LocalDatabases.freePort();
        server.init(InetAddress.getByName("127.0.0.1"), port);
        InMemoryCluster cluster = new InMemoryCluster(server, port, token);
        try (Stream<Path> files = Files.list(repository.resolve("crds"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                cluster.client.resource(Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class)).create();
            }
        }
        DataDirectory.write(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: nubicustos-local
                  cluster:
                    server: %s
                contexts:
                - name: nubicustos-local
                  context:
                    cluster: nubicustos-local
                    user: local
                    namespace: default
                current-context: nubicustos-local
                users:
                - name: local
                  user:
                    token: %s
                """.formatted(cluster.url, token));
        return cluster;
    }

    /**
     * The mock numbers UIDs from zero in every JVM (Fabric8's Utils.generateId); a real API server's
     * are random. Run ids are made from UIDs, and a second make run finds the first one's runs in
     * PostgreSQL: start the count at a random point, so its ScanJobs are new ScanJobs.
     */
    private static void randomizeUids() {
        try {
            var field = io.fabric8.kubernetes.client.utils.Utils.class.getDeclaredField("leastSigBits");
            field.setAccessible(true);
            ((java.util.concurrent.atomic.AtomicLong) field.get(null)).set(new java.security.SecureRandom().nextLong() >>> 1);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot make the in-memory API's UIDs unique: " + e, e);
        }
    }

    String url() {
        return url;
    }

    KubernetesClient client() {
        return client;
    }

    /** Creates (or replaces) every object of a multi-document YAML file. */
    List<HasMetadata> apply(Path file) throws IOException {
        List<HasMetadata> objects;
        try (var in = Files.newInputStream(file)) {
            objects = client.load(in).items();
        }
        for (HasMetadata object : objects) {
            client.resource(object).createOr(existing -> existing.update());
        }
        return objects;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
