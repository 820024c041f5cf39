package io.nubicustos.operator.networksegment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.operator.crd.CrdSchemaValidator;
import io.nubicustos.operator.crd.RepositoryFiles;

class CertificateRendererTest {

    static final KubernetesSerialization YAML = new KubernetesSerialization();
    static final CrdSchemaValidator CERT_MANAGER = new CrdSchemaValidator(
            Map.of("Certificate", RepositoryFiles.fixtureCrd("cert-manager.io_certificates.yaml")));

    static Certificate render(String tls) {
        NetworkSegment segment = YAML.unmarshal("""
                apiVersion: nubicustos.io/v1alpha1
                kind: NetworkSegment
                metadata: {name: management, uid: u1}
                spec: {cidr: 10.50.0.0/24, namespaceSelector: {matchLabels: {s: m}}, tls: %s}
                """.formatted(tls), NetworkSegment.class);
        return CertificateRenderer.render(segment, segment.getSpec().getTls().getServices().get(0), AtlasSegmentationTest.ENV);
    }

    @Test
    void atlasDefaultsEcdsaP256For24HoursRotatedOnRenewal() {
        Certificate cert = render("{issuerRef: {name: atlas-ca}, services: [{name: grafana, namespace: monitoring}]}");
        var spec = cert.getSpec();
        assertThat(cert.getMetadata().getNamespace()).isEqualTo("monitoring");
        assertThat(spec.getPrivateKey().getAlgorithm()).isEqualTo("ECDSA");
        assertThat(spec.getPrivateKey().getSize()).isEqualTo(256);
        assertThat(spec.getPrivateKey().getRotationPolicy()).isEqualTo("Always");
        assertThat(spec.getDuration().getDuration()).hasHours(24);
        assertThat(spec.getRenewBefore().getDuration()).hasHours(8);
        assertThat(spec.getRevisionHistoryLimit()).isEqualTo(3);
        assertThat(spec.getUsages()).contains("server auth").doesNotContain("client auth");
        assertThat(spec.getDnsNames()).containsExactly("grafana", "grafana.monitoring", "grafana.monitoring.svc",
                "grafana.monitoring.svc.cluster.local");
        assertThat(spec.getIssuerRef().getKind()).isEqualTo("ClusterIssuer");
        assertThat(spec.getSecretName()).isEqualTo("grafana-tls");
    }

    @Test
    void clientAuthAndNamespacedIssuersOnRequest() {
        Certificate cert = render("{issuerRef: {name: ca, kind: Issuer}, clientAuth: true, duration: 48h, renewBefore: 12h, "
                + "services: [{name: loki, namespace: logs}]}");
        assertThat(cert.getSpec().getUsages()).contains("server auth", "client auth");
        assertThat(cert.getSpec().getIssuerRef().getKind()).isEqualTo("Issuer");
        assertThat(cert.getSpec().getDuration().getDuration()).hasHours(48);
    }

    @Test
    void renderedCertificatesValidateAgainstTheRealCertManagerCrd() {
        for (String tls : new String[] {
                "{issuerRef: {name: atlas-ca}, services: [{name: grafana, namespace: monitoring}]}",
                "{issuerRef: {name: ca, kind: Issuer}, clientAuth: true, services: [{name: loki, namespace: logs}]}" }) {
            var json = RepositoryFiles.YAML.valueToTree(render(tls));
            assertThat(CERT_MANAGER.violations((com.fasterxml.jackson.databind.JsonNode) json)).as(tls).isEmpty();
        }
    }

    @Test
    void theSchemaCheckCatchesAWrongCertificate() {
        Certificate cert = render("{issuerRef: {name: atlas-ca}, services: [{name: grafana, namespace: monitoring}]}");
        cert.getSpec().getPrivateKey().setAlgorithm("DSA");
        var json = RepositoryFiles.YAML.valueToTree(cert);
        assertThat(CERT_MANAGER.violations((com.fasterxml.jackson.databind.JsonNode) json)).isNotEmpty();
    }
}
