package io.nubicustos.operator.cloudcredential;

import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.cloudcredential.WorkloadIdentity;

/**
 * The ServiceAccount scan pods run under for workload identity (IRSA, GKE, Azure WI): created
 * with the provider's annotations and owned by the CloudCredential, or, if it exists already,
 * adopted by adding the annotations (never removing anything, never deleting it later).
 */
final class WorkloadIdentityAccount {

    static final String MANAGED_BY = "nubicustos-operator";

    private WorkloadIdentityAccount() {
    }

    /** @return true when it was created or changed */
    static boolean ensure(KubernetesClient client, CloudCredential credential) {
        WorkloadIdentity identity = credential.getSpec().getWorkloadIdentity();
        String namespace = credential.getMetadata().getNamespace();
        var account = client.serviceAccounts().inNamespace(namespace).withName(identity.getServiceAccountName());
        ServiceAccount existing = account.get();
        if (existing == null) {
            client.resource(new ServiceAccountBuilder()
                    .withNewMetadata()
                    .withName(identity.getServiceAccountName())
                    .withNamespace(namespace)
                    .withAnnotations(identity.getAnnotations())
                    .addToLabels("app.kubernetes.io/managed-by", MANAGED_BY)
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(credential.getApiVersion())
                            .withKind(credential.getKind()).withName(credential.getMetadata().getName())
                            .withUid(credential.getMetadata().getUid()).build())
                    .endMetadata()
                    .build()).create();
            return true;
        }
        Map<String, String> current = existing.getMetadata().getAnnotations() == null ? Map.of() : existing.getMetadata().getAnnotations();
        if (current.entrySet().containsAll(identity.getAnnotations().entrySet())) {
            return false;
        }
        account.edit(sa -> {
            Map<String, String> merged = new HashMap<>(current);
            merged.putAll(identity.getAnnotations());
            sa.getMetadata().setAnnotations(merged);
            return sa;
        });
        return true;
    }
}
