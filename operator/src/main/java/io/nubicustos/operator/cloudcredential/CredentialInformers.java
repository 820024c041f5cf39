package io.nubicustos.operator.cloudcredential;

import java.util.HashSet;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.model.kubernetes.Labels;

/**
 * What the CloudCredential controller watches besides its dependent: Secrets and ServiceAccounts
 * their owners opted in (label {@value CloudCredentialReconciler#CREDENTIAL_LABEL}), and nothing else.
 */
final class CredentialInformers {

    private CredentialInformers() {
    }

    /** Secrets opted in, mapped to the CloudCredentials naming them (the primary cache's secret index). */
    static InformerEventSource<Secret, CloudCredential> optedInSecrets(EventSourceContext<CloudCredential> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, CloudCredential.class)
                .withLabelSelector(Labels.CREDENTIAL)
                .withSecondaryToPrimaryMapper(secret -> {
                    Set<ResourceID> ids = new HashSet<>();
                    context.getPrimaryCache().byIndex(CloudCredentialReconciler.SECRET_INDEX,
                            secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName()).forEach(c -> ids.add(ResourceID.fromResource(c)));
                    return ids;
                })
                .withPrimaryToSecondaryMapper((CloudCredential c) -> c.getSpec() == null || c.getSpec().getSecretRef() == null ? Set.of()
                        : Set.of(new ResourceID(c.getSpec().getSecretRef().getName(), c.getMetadata().getNamespace())))
                .build(), context);
    }

    /** ServiceAccounts opted in for a CloudCredential (the label's value names it): opting in, or out, takes effect at once. */
    static InformerEventSource<ServiceAccount, CloudCredential> optedInAccounts(EventSourceContext<CloudCredential> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(ServiceAccount.class, CloudCredential.class)
                .withName(CloudCredentialReconciler.OPTED_IN_ACCOUNTS)
                .withLabelSelector(Labels.CREDENTIAL)
                .withSecondaryToPrimaryMapper(sa -> Set.of(new ResourceID(sa.getMetadata().getLabels().get(Labels.CREDENTIAL),
                        sa.getMetadata().getNamespace())))
                .withPrimaryToSecondaryMapper((CloudCredential c) -> c.getSpec() == null || c.getSpec().getWorkloadIdentity() == null ? Set.of()
                        : Set.of(new ResourceID(c.getSpec().getWorkloadIdentity().getServiceAccountName(), c.getMetadata().getNamespace())))
                .build(), context);
    }
}
