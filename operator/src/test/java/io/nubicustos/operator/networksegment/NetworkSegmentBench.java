package io.nubicustos.operator.networksegment;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.operator.crd.RepositoryFiles;
import io.nubicustos.testing.BenchReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Atlas's five segments over 5 × 200 namespaces on Fabric8's mock server: time until every
 * NetworkPolicy exists, then how long one namespace moved to another segment takes to converge.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(NetworkSegmentBench.Quiet.class)
class NetworkSegmentBench {

    public static class Quiet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.category.\"io.nubicustos\".level", "INFO");
        }
    }

    static final int PER_SEGMENT = 200;
    static final List<String> SEGMENTS = List.of("development", "testing", "staging", "production", "management");

    @Inject
    KubernetesClient client;

    long policies(String segment) {
        return client.network().v1().networkPolicies().inAnyNamespace().withLabel("nubicustos.io/segment", segment).list().getItems().size();
    }

    long total() {
        return client.network().v1().networkPolicies().inAnyNamespace().withLabel("app.kubernetes.io/managed-by", "nubicustos-operator")
                .list().getItems().size();
    }

    @Test
    void fiveSegmentsTimesTwoHundredNamespaces() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> creates = new ArrayList<>();
        for (String segment : SEGMENTS) {
            for (int i = 0; i < PER_SEGMENT; i++) {
                String name = segment.substring(0, 4) + "-" + i;
                creates.add(pool.submit(() -> client.resource(new NamespaceBuilder().withNewMetadata().withName(name)
                        .addToLabels("nubicustos.io/segment", segment).addToLabels("kubernetes.io/metadata.name", name)
                        .endMetadata().build()).create()));
            }
        }
        for (Future<?> f : creates) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        // What the renderer makes per namespace, to know when everything exists.
        KubernetesSerialization yaml = new KubernetesSerialization();
        List<NetworkSegment> atlas = RepositoryFiles.documents("config/samples/networksegments").stream()
                .map(d -> yaml.convertValue(d.content(), NetworkSegment.class)).toList();
        long expected = 0;
        for (NetworkSegment s : atlas) {
            s.getMetadata().setUid("x");
            expected += (long) PER_SEGMENT * NetworkPolicyRenderer.render(s, atlas, "ns", AtlasSegmentationTest.ENV).size();
        }

        long start = System.nanoTime();
        for (NetworkSegment s : atlas) {
            NetworkSegment fresh = yaml.convertValue(RepositoryFiles.documents("config/samples/networksegments").stream()
                    .filter(d -> d.content().at("/metadata/name").asText().equals(s.getMetadata().getName())).findFirst().orElseThrow()
                    .content(), NetworkSegment.class);
            client.resource(fresh).create();
        }
        long target = expected;
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> total() >= target);
        long converged = (System.nanoTime() - start) / 1_000_000;

        long perDevelopment = policies("development") / PER_SEGMENT;
        long perTesting = policies("testing") / PER_SEGMENT;
        long relabel = System.nanoTime();
        client.namespaces().withName("deve-7").edit(ns -> {
            ns.getMetadata().getLabels().put("nubicustos.io/segment", "testing");
            return ns;
        });
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10)).until(() ->
                client.network().v1().networkPolicies().inNamespace("deve-7").list().getItems().stream()
                        .allMatch(p -> "testing".equals(p.getMetadata().getLabels().get("nubicustos.io/segment")))
                        && client.network().v1().networkPolicies().inNamespace("deve-7").list().getItems().size() == perTesting);
        long relabelMs = (System.nanoTime() - relabel) / 1_000_000;

        new BenchReport("segments", "full convergence under 10 s; a relabelled namespace converges in under 1 s (2 cores)")
                .figure("segments", SEGMENTS.size())
                .figure("namespaces", SEGMENTS.size() * PER_SEGMENT)
                .figure("policies", expected)
                .figure("policies_per_development_namespace", perDevelopment)
                .figure("full_convergence_ms", converged)
                .figure("relabel_convergence_ms", relabelMs)
                .write();
    }
}
