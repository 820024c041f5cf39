package io.nubicustos.operator.networksegment;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Whether cert-manager's Certificate CRD is installed: optional, so its absence is a warning, not a failure. */
@ApplicationScoped
public class CertManagerPresence {

    static final String CRD = "certificates.cert-manager.io";

    public boolean installed(KubernetesClient client) {
        try {
            return client.apiextensions().v1().customResourceDefinitions().withName(CRD).get() != null;
        } catch (KubernetesClientException e) {
            // No permission to read CRDs means the operator cannot manage Certificates either.
            return false;
        }
    }
}
