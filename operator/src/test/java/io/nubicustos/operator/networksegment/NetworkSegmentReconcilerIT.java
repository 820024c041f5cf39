package io.nubicustos.operator.networksegment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.operator.crd.RepositoryFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class NetworkSegmentReconcilerIT {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    void namespace(String name, String segment) {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .withLabels(segment == null ? Map.of("kubernetes.io/metadata.name", name)
                        : Map.of("kubernetes.io/metadata.name", name, "nubicustos.io/segment", segment))
                .endMetadata().build()).createOr(NonDeletingOperation::update);
    }

    void segment(String yaml) {
        client.resource(client.getKubernetesSerialization().unmarshal(yaml, NetworkSegment.class)).createOr(NonDeletingOperation::update);
    }

    List<NetworkPolicy> policies(String namespace, String segment) {
        return client.network().v1().networkPolicies().inNamespace(namespace).withLabel("nubicustos.io/segment", segment).list().getItems();
    }

    Condition condition(String segment, String type) {
        NetworkSegment s = client.resources(NetworkSegment.class).withName(segment).get();
        return s == null || s.getStatus() == null ? null
                : s.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    @Test
    void policiesFollowNamespacesInAndOutAndSurviveTampering() {
        namespace("dev-a", "development");
        namespace("dev-b", "development");
        namespace("other", null);
        segment("""
                apiVersion: nubicustos.io/v1alpha1
                kind: NetworkSegment
                metadata: {name: development}
                spec: {cidr: 10.10.0.0/24, namespaceSelector: {matchLabels: {nubicustos.io/segment: development}}, externalAccess: nat}
                """);
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(policies("dev-a", "development")).extracting(p -> p.getMetadata().getName())
                    .contains("nubicustos-development-default-deny", "nubicustos-development-same-segment",
                            "nubicustos-development-dns", "nubicustos-development-nat-egress");
            assertThat(policies("dev-b", "development")).isNotEmpty();
            assertThat(policies("other", "development")).isEmpty();
            NetworkSegment s = client.resources(NetworkSegment.class).withName("development").get();
            assertThat(s.getStatus().getNamespaces()).containsExactly("dev-a", "dev-b");
            assertThat(s.getStatus().getNamespaceCount()).isEqualTo(2);
            assertThat(condition("development", "Ready").getStatus()).isEqualTo("True");
        });
        int perNamespace = policies("dev-a", "development").size();
        // JOSDK's owner reference: the segment controls its policies (and blocks its deletion until they go).
        NetworkSegment owner = client.resources(NetworkSegment.class).withName("development").get();
        assertThat(policies("dev-a", "development")).allSatisfy(p -> assertThat(p.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(ref -> {
                    assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid());
                    assertThat(ref.getController()).isTrue();
                    assertThat(ref.getBlockOwnerDeletion()).isTrue();
                }));

        // Deleted by hand: restored.
        client.network().v1().networkPolicies().inNamespace("dev-a").withName("nubicustos-development-default-deny").delete();
        // Edited by hand (the deny turned into allow-all): restored.
        client.network().v1().networkPolicies().inNamespace("dev-b").withName("nubicustos-development-default-deny").edit(p -> {
            p.getSpec().setPolicyTypes(List.of("Ingress"));
            return p;
        });
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(policies("dev-a", "development")).hasSize(perNamespace);
            assertThat(client.network().v1().networkPolicies().inNamespace("dev-b").withName("nubicustos-development-default-deny").get()
                    .getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        });

        // Labelled out: its policies go. Labelled in: it gets them.
        namespace("dev-b", null);
        namespace("other", "development");
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(policies("dev-b", "development")).isEmpty();
            assertThat(policies("other", "development")).hasSize(perNamespace);
        });

        client.resources(NetworkSegment.class).withName("development").delete();
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(policies("dev-a", "development")).isEmpty();
            assertThat(policies("other", "development")).isEmpty();
        });
    }

    @Test
    void aConflictingSegmentRendersNothing() {
        namespace("lab", "lab");
        segment("""
                apiVersion: nubicustos.io/v1alpha1
                kind: NetworkSegment
                metadata: {name: lab-a}
                spec: {cidr: 10.90.0.0/16, namespaceSelector: {matchLabels: {nubicustos.io/segment: lab}}}
                """);
        segment("""
                apiVersion: nubicustos.io/v1alpha1
                kind: NetworkSegment
                metadata: {name: lab-b}
                spec: {cidr: 10.90.4.0/24, namespaceSelector: {matchLabels: {nubicustos.io/segment: lab}}, allowFrom: [ghost]}
                """);
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            Condition ready = condition("lab-b", "Ready");
            assertThat(ready).isNotNull();
            assertThat(ready.getReason()).isEqualTo("InvalidSpec");
            assertThat(ready.getMessage()).contains("ghost, which is not a NetworkSegment").contains("overlaps NetworkSegment lab-a");
        });
        assertThat(policies("lab", "lab-b")).isEmpty();
    }

    @Test
    void withoutCertManagerTlsIsAWarningAndPoliciesStillApplyThenCertificatesFollowItsInstallation() throws InterruptedException {
        namespace("monitoring", "tls-segment");
        segment("""
                apiVersion: nubicustos.io/v1alpha1
                kind: NetworkSegment
                metadata: {name: tls-segment}
                spec:
                  cidr: 10.55.0.0/24
                  namespaceSelector: {matchLabels: {nubicustos.io/segment: tls-segment}}
                  externalAccess: ingress
                  ingressAllowlist: [192.168.1.0/24]
                  tls:
                    issuerRef: {name: atlas-ca}
                    services: [{name: grafana, namespace: monitoring}, {name: vault, namespace: elsewhere}]
                """);
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(condition("tls-segment", "CertManagerMissing").getStatus()).isEqualTo("True");
            assertThat(condition("tls-segment", "PoliciesApplied").getStatus()).isEqualTo("True");
            assertThat(policies("monitoring", "tls-segment")).isNotEmpty();
            assertThat(client.v1().events().inNamespace("default").list().getItems())
                    .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("CertManagerMissing"));
        });

        client.resource(RepositoryFiles.fixtureCrd("cert-manager.io_certificates.yaml")).create();
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(condition("tls-segment", "CertManagerMissing").getStatus()).isEqualTo("False");
            Certificate cert = client.resources(Certificate.class).inNamespace("monitoring").withName("nubicustos-tls-segment-grafana").get();
            assertThat(cert).isNotNull();
            assertThat(cert.getSpec().getPrivateKey().getAlgorithm()).isEqualTo("ECDSA");
            assertThat(condition("tls-segment", "CertificatesReady").getReason()).isEqualTo("ServiceOutsideSegment");
            assertThat(condition("tls-segment", "CertificatesReady").getMessage()).contains("elsewhere/vault");
        });

        // Nothing is rewritten while nothing changes, drift checks included (every 2 s here).
        String version = client.resources(Certificate.class).inNamespace("monitoring").withName("nubicustos-tls-segment-grafana").get()
                .getMetadata().getResourceVersion();
        Thread.sleep(5_000);
        assertThat(client.resources(Certificate.class).inNamespace("monitoring").withName("nubicustos-tls-segment-grafana").get()
                .getMetadata().getResourceVersion()).isEqualTo(version);

        // A Certificate deleted by hand comes back: its informer sees it go.
        client.resources(Certificate.class).inNamespace("monitoring").withName("nubicustos-tls-segment-grafana").delete();
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> client.resources(Certificate.class).inNamespace("monitoring")
                .withName("nubicustos-tls-segment-grafana").get() != null);
    }
}
