package io.nubicustos.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialSpec;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialValidator;
import io.nubicustos.api.v1alpha1.common.Bounds;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentValidator;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobSpec;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobValidator;

/**
 * The maxLength bounds the CRDs put on names and durations (which CEL rules read, so the API
 * server can estimate their cost) hold in the Java validators too: an object that reached the
 * operator without the API server's checks is refused for the same reason. A value at the
 * bound passes, one character more does not.
 */
class ValidatorBoundsTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final String NAME = "a".repeat(Bounds.NAME);
    private static final String DURATION = "1m".repeat(Bounds.DURATION / 2);

    @Test
    void segmentNamesInAllowFromAndTlsDurations() {
        assertThat(NetworkSegmentValidator.validate(segment(NAME, DURATION))).isEmpty();
        assertThat(NetworkSegmentValidator.validate(segment(NAME + "a", DURATION + "1s"))).containsExactlyInAnyOrder(
                "spec.allowFrom[0] must be at most 253 characters long",
                "spec.tls.duration must be at most 32 characters long");
    }

    @Test
    void scanReferencesAndTimeout() {
        assertThat(ScanJobValidator.validate(scan(NAME, DURATION))).isEmpty();
        assertThat(ScanJobValidator.validate(scan(NAME + "a", DURATION + "1s"))).containsExactlyInAnyOrder(
                "spec.credentialRef.name must be at most 253 characters long",
                "spec.timeout must be at most 32 characters long");
    }

    @Test
    void credentialSecretServiceAccountAndRotation() {
        assertThat(CloudCredentialValidator.validate(credential(NAME, "90d"))).isEmpty();
        assertThat(CloudCredentialValidator.validate(credential(NAME + "a", "1d".repeat(17)))).containsExactlyInAnyOrder(
                "spec.secretRef.name must be at most 253 characters long",
                "spec.workloadIdentity.serviceAccountName must be at most 253 characters long",
                "spec.rotation.maxAge must be at most 32 characters long");
    }

    private static NetworkSegment segment(String peer, String duration) {
        return YAML.unmarshal("""
                apiVersion: nubicustos.io/v1alpha1
                kind: NetworkSegment
                metadata: {name: production}
                spec:
                  cidr: 10.40.0.0/24
                  namespaceSelector: {matchLabels: {nubicustos.io/segment: production}}
                  allowFrom: [%s]
                  tls: {issuerRef: {name: ca}, duration: %s, renewBefore: 1s}
                """.formatted(peer, duration), NetworkSegment.class);
    }

    private static ScanJobSpec scan(String credential, String timeout) {
        return YAML.unmarshal("""
                ---
                {tool: prowler, provider: aws, credentialRef: {name: %s}, timeout: %s}
                """.formatted(credential, timeout), ScanJobSpec.class);
    }

    private static CloudCredentialSpec credential(String name, String maxAge) {
        return YAML.unmarshal("""
                ---
                {provider: aws, aws: {authMethod: static-keys}, secretRef: {name: %s},
                 workloadIdentity: {serviceAccountName: %s}, rotation: {maxAge: %s}}
                """.formatted(name, name, maxAge), CloudCredentialSpec.class);
    }
}
