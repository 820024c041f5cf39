package io.nubicustos.operator.networksegment;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import io.fabric8.kubernetes.api.model.Duration;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.networksegment.ServiceReference;
import io.nubicustos.api.v1alpha1.networksegment.TlsSpec;

/**
 * The cert-manager Certificate of one of a segment's services (Atlas's internal PKI): ECDSA P-256
 * keys rotated on every renewal, 24h lifetime renewed 8h ahead by default, server auth (and client
 * auth on request), for every in-cluster DNS name of the Service.
 */
public final class CertificateRenderer {

    private CertificateRenderer() {
    }

    public static Certificate render(NetworkSegment segment, ServiceReference service, SegmentEnvironment env) {
        TlsSpec tls = segment.getSpec().getTls();
        String svc = service.getName();
        String ns = service.getNamespace();
        List<String> usages = new ArrayList<>(List.of("digital signature", "key encipherment", "server auth"));
        if (Boolean.TRUE.equals(tls.getClientAuth())) {
            usages.add("client auth");
        }
        try {
            return new CertificateBuilder()
                    .withNewMetadata()
                    .withName(name(segment, service))
                    .withNamespace(ns)
                    .withLabels(NetworkPolicyRenderer.labels(segment))
                    .endMetadata()
                    .withNewSpec()
                    .withSecretName(svc + "-tls")
                    .withCommonName(svc + "." + ns + ".svc")
                    .withDnsNames(svc, svc + "." + ns, svc + "." + ns + ".svc", svc + "." + ns + ".svc." + env.clusterDomain())
                    .withDuration(Duration.parse(tls.getDuration()))
                    .withRenewBefore(Duration.parse(tls.getRenewBefore()))
                    .withNewPrivateKey().withAlgorithm("ECDSA").withSize(256).withRotationPolicy("Always").endPrivateKey()
                    .withRevisionHistoryLimit(env.certificateRevisionHistoryLimit())
                    .withUsages(usages)
                    .withNewIssuerRef()
                    .withName(tls.getIssuerRef().getName())
                    .withKind(tls.getIssuerRef().getKind() == null ? "ClusterIssuer"
                            : tls.getIssuerRef().getKind() == io.nubicustos.api.v1alpha1.networksegment.IssuerKind.ISSUER ? "Issuer" : "ClusterIssuer")
                    .withGroup(tls.getIssuerRef().getGroup())
                    .endIssuerRef()
                    .endSpec()
                    .build();
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("spec.tls duration is malformed", e);
        }
    }

    public static String name(NetworkSegment segment, ServiceReference service) {
        return "nubicustos-" + segment.getMetadata().getName() + "-" + service.getName();
    }
}
