package io.nubicustos.operator.support;

import java.util.Map;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateConditionBuilder;
import io.fabric8.certmanager.api.model.v1.CertificateStatusBuilder;
import io.fabric8.certmanager.api.model.v1.ClusterIssuer;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.certmanager.api.model.v1.IssuerSpec;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

/**
 * cert-manager's part on the mock API server, as far as its self-signed and CA issuers go: an
 * issuer is ready when it is self-signed or its CA Secret exists (a ClusterIssuer's in
 * cert-manager's namespace, an Issuer's in its own); a Certificate whose issuer is ready becomes
 * Ready=True and gets its Secret, which may make a CA issuer ready in the next round. Nothing is
 * signed; an issuer of any other type, or one that does not exist, issues nothing.
 */
public final class CertManagerStandIn {

    /** Where cert-manager runs and ClusterIssuers find their CA Secrets (its default). */
    public static final String NAMESPACE = "cert-manager";

    private final KubernetesClient client;

    public CertManagerStandIn(KubernetesClient client) {
        this.client = client;
    }

    /** One round: issues every Certificate not yet issued whose issuer is ready. */
    public void issue() {
        for (Certificate certificate : client.resources(Certificate.class).inAnyNamespace().list().getItems()) {
            if (!issued(certificate) && issuerReady(certificate)) {
                certificate.setStatus(new CertificateStatusBuilder().withConditions(new CertificateConditionBuilder()
                        .withType("Ready").withStatus("True").withReason("Ready").withMessage("Certificate is up to date and has not expired")
                        .build()).build());
                client.resource(certificate).updateStatus();
                client.resource(new SecretBuilder().withNewMetadata().withName(certificate.getSpec().getSecretName())
                        .withNamespace(certificate.getMetadata().getNamespace())
                        .withAnnotations(Map.of("cert-manager.io/certificate-name", certificate.getMetadata().getName())).endMetadata()
                        .withType("kubernetes.io/tls").withData(Map.of("tls.crt", "", "tls.key", "")).build())
                        .createOr(NonDeletingOperation::update);
            }
        }
    }

    public static boolean issued(Certificate certificate) {
        return certificate.getStatus() != null && certificate.getStatus().getConditions() != null && certificate.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private boolean issuerReady(Certificate certificate) {
        var ref = certificate.getSpec().getIssuerRef();
        if (ref.getGroup() != null && !ref.getGroup().isEmpty() && !"cert-manager.io".equals(ref.getGroup())) {
            return false;
        }
        // cert-manager's default kind is Issuer.
        if ("ClusterIssuer".equals(ref.getKind())) {
            ClusterIssuer issuer = client.resources(ClusterIssuer.class).withName(ref.getName()).get();
            return issuer != null && ready(issuer.getSpec(), NAMESPACE);
        }
        String namespace = certificate.getMetadata().getNamespace();
        Issuer issuer = client.resources(Issuer.class).inNamespace(namespace).withName(ref.getName()).get();
        return issuer != null && ready(issuer.getSpec(), namespace);
    }

    private boolean ready(IssuerSpec spec, String secretNamespace) {
        return spec.getSelfSigned() != null
                || spec.getCa() != null && client.secrets().inNamespace(secretNamespace).withName(spec.getCa().getSecretName()).get() != null;
    }
}
