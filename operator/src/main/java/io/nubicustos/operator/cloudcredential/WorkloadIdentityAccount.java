package io.nubicustos.operator.cloudcredential;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.cloudcredential.WorkloadIdentity;

/**
 * The ServiceAccount scan pods run under for workload identity (IRSA, GKE, Azure WI). The
 * operator creates it, owned by the CloudCredential, with the provider's annotations, and keeps
 * those annotations on it. A ServiceAccount it did not create is used only when its owner opted
 * it in for this CloudCredential (label {@value CloudCredentialReconciler#CREDENTIAL_LABEL} =
 * the CloudCredential's name) and already carries the annotations: the operator never patches,
 * labels or adopts another's ServiceAccount, so naming one (bound to cluster-admin, say) in a
 * CloudCredential gives its author nothing.
 */
final class WorkloadIdentityAccount {

    static final String MANAGED_BY = "nubicustos-operator";

    private WorkloadIdentityAccount() {
    }

    /** @return empty when the ServiceAccount is usable (created, kept, or opted in); otherwise why not, as the credential's verdict */
    static Optional<CredentialCheck> ensure(KubernetesClient client, CloudCredential credential) {
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
                            .withUid(credential.getMetadata().getUid()).withController(true).build())
                    .endMetadata()
                    .build()).create();
            return Optional.empty();
        }
        Map<String, String> current = existing.getMetadata().getAnnotations() == null ? Map.of() : existing.getMetadata().getAnnotations();
        boolean annotated = current.entrySet().containsAll(identity.getAnnotations().entrySet());
        if (existing.hasOwnerReferenceFor(credential)) {
            if (!annotated) {
                account.edit(sa -> {
                    Map<String, String> merged = new HashMap<>(current);
                    merged.putAll(identity.getAnnotations());
                    sa.getMetadata().setAnnotations(merged);
                    return sa;
                });
            }
            return Optional.empty();
        }
        String name = identity.getServiceAccountName();
        if (!optedIn(existing, credential)) {
            return Optional.of(CredentialCheck.invalid("ServiceAccountNotOptedIn", "ServiceAccount " + name
                    + " exists and was not created by this CloudCredential; the operator uses it only if whoever owns it labels it "
                    + CloudCredentialReconciler.CREDENTIAL_LABEL + "=" + credential.getMetadata().getName()));
        }
        if (!annotated) {
            return Optional.of(CredentialCheck.invalid("ServiceAccountAnnotationsMissing", "ServiceAccount " + name
                    + " is opted in but lacks the annotations of spec.workloadIdentity (" + String.join(", ", identity.getAnnotations().keySet())
                    + "); the operator never changes a ServiceAccount it does not own"));
        }
        return Optional.empty();
    }

    static boolean optedIn(io.fabric8.kubernetes.api.model.HasMetadata object, CloudCredential credential) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && credential.getMetadata().getName().equals(labels.get(CloudCredentialReconciler.CREDENTIAL_LABEL));
    }
}
