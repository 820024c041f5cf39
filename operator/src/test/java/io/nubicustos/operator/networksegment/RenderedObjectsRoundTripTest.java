package io.nubicustos.operator.networksegment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * A rendered object read back from the API server must compare equal to a fresh rendering, or the
 * reconciler would rewrite every policy on every pass (an update storm that never settles).
 */
class RenderedObjectsRoundTripTest {

    @Test
    void policiesSurviveSerializationUnchanged() {
        KubernetesSerialization json = new KubernetesSerialization();
        for (String segment : AtlasSegmentationTest.SEGMENTS) {
            for (NetworkPolicy policy : NetworkPolicyRenderer.render(AtlasSegmentationTest.ATLAS.get(segment),
                    AtlasSegmentationTest.ATLAS.values(), "ns", AtlasSegmentationTest.ENV)) {
                NetworkPolicy readBack = json.unmarshal(json.asJson(policy), NetworkPolicy.class);
                assertThat(readBack.getSpec()).as(policy.getMetadata().getName()).isEqualTo(policy.getSpec());
            }
        }
    }

    @Test
    void certificatesSurviveSerializationUnchanged() {
        KubernetesSerialization json = new KubernetesSerialization();
        var management = AtlasSegmentationTest.ATLAS.get("management");
        for (var service : management.getSpec().getTls().getServices()) {
            var cert = CertificateRenderer.render(management, service, AtlasSegmentationTest.ENV);
            var readBack = json.unmarshal(json.asJson(cert), io.fabric8.certmanager.api.model.v1.Certificate.class);
            assertThat(readBack.getSpec()).isEqualTo(cert.getSpec());
        }
    }
}
