package io.nubicustos.operator.networksegment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateConditionBuilder;
import io.fabric8.certmanager.api.model.v1.CertificateStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.model.kubernetes.Labels;

/** The dependents' desired sets and matching, without a server: what JOSDK is handed to create, keep or delete. */
class SegmentDependentsTest {

    static final KubernetesSerialization JSON = new KubernetesSerialization();
    static final NetworkSegment MANAGEMENT = AtlasSegmentationTest.ATLAS.get("management");
    static final NetworkSegment DEVELOPMENT = AtlasSegmentationTest.ATLAS.get("development");

    static SegmentView view(String... namespaces) {
        return new SegmentView(AtlasSegmentationTest.ATLAS.values(), List.of(namespaces), AtlasSegmentationTest.ENV);
    }

    @Test
    void policiesAreTheRendererOutputInEverySelectedNamespaceKeyedByNamespaceAndName() {
        List<NetworkPolicy> perNamespace = NetworkPolicyRenderer.render(DEVELOPMENT, AtlasSegmentationTest.ATLAS.values(), "dev-a",
                AtlasSegmentationTest.ENV);
        Map<ResourceID, NetworkPolicy> desired = SegmentOwned.byId(new SegmentPolicies().render(DEVELOPMENT, view("dev-a", "dev-b")));

        assertThat(desired).hasSize(2 * perNamespace.size());
        assertThat(desired).containsKey(new ResourceID("nubicustos-development-default-deny", "dev-a"))
                .containsKey(new ResourceID("nubicustos-development-default-deny", "dev-b"));
        assertThat(desired.get(new ResourceID("nubicustos-development-default-deny", "dev-b")).getSpec())
                .isEqualTo(perNamespace.get(0).getSpec());
        // JOSDK writes its own annotation on what it creates and updates; the map must be there.
        assertThat(desired.values()).allSatisfy(p -> assertThat(p.getMetadata().getAnnotations()).isNotNull().isEmpty());
    }

    @Test
    void aSegmentSelectingNoNamespaceWantsNoPolicies() {
        assertThat(new SegmentPolicies().render(DEVELOPMENT, view())).isEmpty();
    }

    @Test
    void certificatesOnlyForServicesInTheSegmentsNamespacesAndNoneWithoutTls() {
        Map<ResourceID, Certificate> desired = SegmentOwned.byId(new SegmentCertificates().render(MANAGEMENT, view("monitoring")));

        assertThat(desired.keySet()).containsExactlyInAnyOrder(new ResourceID("nubicustos-management-grafana", "monitoring"),
                new ResourceID("nubicustos-management-prometheus", "monitoring"), new ResourceID("nubicustos-management-loki", "monitoring"));
        assertThat(SegmentCertificates.outside(MANAGEMENT.getSpec().getTls().getServices(), List.of("monitoring")))
                .containsExactly("pki/step-ca");
        assertThat(new SegmentCertificates().render(DEVELOPMENT, view("dev-a"))).isEmpty();
    }

    @Test
    void issuedCountsTheWantedCertificatesCertManagerCallsReady() {
        List<Certificate> certs = new SegmentCertificates().render(MANAGEMENT, view("monitoring", "pki"));
        certs.get(0).setStatus(new CertificateStatusBuilder().withConditions(new CertificateConditionBuilder()
                .withType("Ready").withStatus("True").build()).build());
        certs.get(1).setStatus(new CertificateStatusBuilder().withConditions(new CertificateConditionBuilder()
                .withType("Ready").withStatus("False").build()).build());
        Set<ResourceID> wanted = SegmentOwned.byId(certs).keySet();

        assertThat(SegmentCertificates.issued(certs.stream(), wanted)).isEqualTo(1);
        assertThat(SegmentCertificates.issued(certs.stream(), Set.of(ResourceID.fromResource(certs.get(1))))).isZero();
        assertThat(SegmentCertificates.issued(Stream.empty(), wanted)).isZero();
    }

    @Test
    void whatReadsBackFromTheServerMatchesAndAnyEditOfTheSpecDoesNot() {
        SegmentPolicies policies = new SegmentPolicies();
        NetworkPolicy desired = policies.render(DEVELOPMENT, view("dev-a")).get(0);
        NetworkPolicy actual = JSON.unmarshal(JSON.asJson(desired), NetworkPolicy.class);
        actual.getMetadata().getLabels().put("team", "added-by-hand");
        actual.getMetadata().setResourceVersion("7");
        assertThat(policies.match(actual, desired, DEVELOPMENT, null).matched()).isTrue();

        NetworkPolicy loosened = JSON.unmarshal(JSON.asJson(desired), NetworkPolicy.class);
        loosened.getSpec().setPolicyTypes(List.of("Ingress"));
        assertThat(policies.match(loosened, desired, DEVELOPMENT, null).matched()).isFalse();

        NetworkPolicy unlabelled = JSON.unmarshal(JSON.asJson(desired), NetworkPolicy.class);
        unlabelled.getMetadata().getLabels().remove(Labels.SEGMENT);
        assertThat(policies.match(unlabelled, desired, DEVELOPMENT, null).matched()).isFalse();
    }

    @Test
    void theSegmentLabelNamesTheOwnerWhereverTheObjectLives() {
        NetworkPolicy policy = new SegmentPolicies().render(DEVELOPMENT, view("dev-a")).get(0);
        assertThat(new SegmentPolicies().toPrimaryResourceIDs(policy)).containsExactly(new ResourceID("development"));
        policy.getMetadata().setLabels(Map.of());
        assertThat(new SegmentPolicies().toPrimaryResourceIDs(policy)).isEmpty();
    }

    @Test
    void josdksOwnerReferenceIsTheControllingOneThatBlocksTheSegmentsDeletion() {
        Certificate cert = new SegmentCertificates().render(MANAGEMENT, view("monitoring")).get(0);
        assertThat(cert.getMetadata().getOwnerReferences()).as("the renderers build none").isNullOrEmpty();

        new SegmentCertificates().addReferenceHandlingMetadata(cert, MANAGEMENT);

        assertThat(cert.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("NetworkSegment");
            assertThat(ref.getApiVersion()).isEqualTo("nubicustos.io/v1alpha1");
            assertThat(ref.getName()).isEqualTo("management");
            assertThat(ref.getUid()).isEqualTo("uid-management");
            assertThat(ref.getController()).isTrue();
            assertThat(ref.getBlockOwnerDeletion()).isTrue();
        });
    }
}
