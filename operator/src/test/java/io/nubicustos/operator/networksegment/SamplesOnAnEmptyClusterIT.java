package io.nubicustos.operator.networksegment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.networksegment.ServiceReference;
import io.nubicustos.model.kubernetes.Labels;
import io.nubicustos.operator.crd.RepositoryFiles;
import io.nubicustos.operator.crd.RepositoryFiles.Document;
import io.nubicustos.operator.support.CertManagerStandIn;
import io.nubicustos.operator.support.KubectlApplyOrder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * {@code kubectl apply -R -f config/samples/} on an empty cluster with cert-manager: every
 * document, in kubectl's order, each namespaced one into a namespace that exists by then; then
 * every NetworkSegment is Ready=True and each Service a segment lists under spec.tls has exactly
 * one Certificate, issued by the segment's issuer. On a real API server the management segment
 * once stayed Ready=False: no sample put its services' namespaces into the segment.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SamplesOnAnEmptyClusterIT {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Where kubectl puts namespaced objects that name no namespace: the context's, here the default. */
    static final String CONTEXT_NAMESPACE = "default";
    static final List<String> CERT_MANAGER_CRDS = List.of("cert-manager.io_certificaterequests.yaml", "cert-manager.io_certificates.yaml",
            "cert-manager.io_clusterissuers.yaml", "cert-manager.io_issuers.yaml");

    @Inject
    KubernetesClient client;

    @BeforeEach
    void anEmptyClusterWithCertManagerInstalled() {
        for (String namespace : List.of("default", "kube-system", CertManagerStandIn.NAMESPACE)) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                    .createOr(NonDeletingOperation::update);
        }
        CERT_MANAGER_CRDS.forEach(crd -> client.resource(RepositoryFiles.fixtureCrd(crd)).createOr(NonDeletingOperation::update));
    }

    @Test
    void everySegmentBecomesReadyWithOneCertificatePerListedService() {
        KubectlApplyOrder.documents("config/samples").forEach(this::apply);
        CertManagerStandIn certManager = new CertManagerStandIn(client);

        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            certManager.issue();
            List<NetworkSegment> segments = client.resources(NetworkSegment.class).list().getItems();
            assertThat(segments).extracting(s -> s.getMetadata().getName())
                    .containsExactlyInAnyOrder("development", "testing", "staging", "production", "management");
            assertThat(segments).allSatisfy(s -> {
                Condition ready = condition(s, NetworkSegmentReconciler.READY);
                assertThat(ready).as(s.getMetadata().getName()).isNotNull();
                assertThat(ready.getStatus()).as("%s: %s", s.getMetadata().getName(), s.getStatus().getConditions()).isEqualTo("True");
                assertThat(ready.getObservedGeneration()).isEqualTo(s.getMetadata().getGeneration());
            });
        });

        List<NetworkSegment> segments = client.resources(NetworkSegment.class).list().getItems();
        List<Certificate> certificates = client.resources(Certificate.class).inAnyNamespace().list().getItems();
        List<String> listed = new ArrayList<>();
        for (NetworkSegment segment : segments) {
            if (segment.getSpec().getTls() == null) {
                continue;
            }
            for (ServiceReference service : segment.getSpec().getTls().getServices()) {
                listed.add(segment.getMetadata().getName() + " " + service.getNamespace() + "/" + service.getName());
                assertThat(certificates.stream().filter(c -> certifies(c, service)))
                        .as("Certificates of %s/%s", service.getNamespace(), service.getName()).singleElement().satisfies(c -> {
                            assertThat(c.getSpec().getIssuerRef().getName()).isEqualTo(segment.getSpec().getTls().getIssuerRef().getName());
                            assertThat(CertManagerStandIn.issued(c)).isTrue();
                        });
            }
        }
        assertThat(listed).as("the samples give some segment TLS services").isNotEmpty();
        assertThat(certificates.stream().filter(c -> c.getMetadata().getLabels() != null
                && c.getMetadata().getLabels().containsKey(Labels.SEGMENT)))
                .as("Certificates the segments rendered").hasSameSizeAs(listed);
    }

    /** As kubectl applies one document: into its namespace or the context's, which must exist by then. */
    private void apply(Document document) {
        HasMetadata object = client.getKubernetesSerialization().convertValue(document.content(), HasMetadata.class);
        if (!namespaced(object, document)) {
            client.resource(object).createOr(NonDeletingOperation::update);
            return;
        }
        String namespace = object.getMetadata().getNamespace() == null ? CONTEXT_NAMESPACE : object.getMetadata().getNamespace();
        assertThat(client.namespaces().withName(namespace).get())
                .as("%s comes before its Namespace %s: kubectl would fail to apply it", document, namespace).isNotNull();
        client.resource(object).inNamespace(namespace).createOr(NonDeletingOperation::update);
    }

    /** Built-in kinds say so themselves; custom ones as kubectl learns it, from the API server's discovery. */
    private boolean namespaced(HasMetadata object, Document document) {
        if (!(object instanceof GenericKubernetesResource)) {
            return object instanceof Namespaced;
        }
        return client.getApiResources(object.getApiVersion()).getResources().stream().filter(r -> r.getKind().equals(object.getKind()))
                .findFirst().orElseThrow(() -> new AssertionError(document + ": the cluster does not know its kind")).getNamespaced();
    }

    private static boolean certifies(Certificate certificate, ServiceReference service) {
        return certificate.getMetadata().getNamespace().equals(service.getNamespace()) && certificate.getSpec().getDnsNames() != null
                && certificate.getSpec().getDnsNames().contains(service.getName() + "." + service.getNamespace() + ".svc");
    }

    private static Condition condition(NetworkSegment segment, String type) {
        return segment.getStatus() == null ? null
                : segment.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }
}
