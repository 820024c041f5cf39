package io.nubicustos.operator.cloudcredential;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;

/**
 * The workload-identity ServiceAccount's reconcile precondition: there is none of that name yet, or
 * this CloudCredential owns it. Anyone else's is left alone, and the reconciler judges it
 * ({@link WorkloadIdentityAccount#judge}). One the informers do not hold (neither the operator's nor
 * opted in) is looked up by name, so that someone else's is never taken for a missing one.
 */
public class OwnAccountOrNone implements Condition<ServiceAccount, CloudCredential> {

    @Override
    public boolean isMet(DependentResource<ServiceAccount, CloudCredential> dependent, CloudCredential credential,
            Context<CloudCredential> context) {
        if (credential.getSpec().getWorkloadIdentity() == null) {
            return false;
        }
        Optional<ServiceAccount> cached = dependent.getSecondaryResource(credential, context);
        if (cached.isPresent()) {
            return cached.get().hasOwnerReferenceFor(credential);
        }
        return context.getClient().serviceAccounts().inNamespace(credential.getMetadata().getNamespace())
                .withName(credential.getSpec().getWorkloadIdentity().getServiceAccountName()).get() == null;
    }
}
