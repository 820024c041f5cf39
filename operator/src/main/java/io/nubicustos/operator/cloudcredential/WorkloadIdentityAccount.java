package io.nubicustos.operator.cloudcredential;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.cloudcredential.WorkloadIdentity;
import io.nubicustos.model.kubernetes.Labels;
import io.nubicustos.operator.ownership.ControllerReferences;

/**
 * The ServiceAccount scan pods run under for workload identity (IRSA, GKE, Azure WI), as a JOSDK
 * dependent: created owned by the CloudCredential, with the provider's annotations, which are put
 * back when they go missing (nothing else of it is changed). Only while {@link OwnAccountOrNone} holds: a ServiceAccount it did not
 * create is used only when its owner opted it in for this CloudCredential (label
 * {@value CloudCredentialReconciler#CREDENTIAL_LABEL} = the CloudCredential's name) and already
 * carries the annotations ({@link #judge}): the operator never patches, labels or adopts another's
 * ServiceAccount, so naming one (bound to cluster-admin, say) in a CloudCredential gives its author
 * nothing.
 *
 * <p>Not a Deleter: its owner reference has Kubernetes remove it with its CloudCredential (same
 * namespace), and a precondition that stops holding leaves it, as before. {@code useSSA = FALSE}: the
 * chart grants update, not patch, and the tests' mock server cannot do server-side apply.
 */
@KubernetesDependent(useSSA = BooleanWithUndefined.FALSE,
        informer = @Informer(name = WorkloadIdentityAccount.INFORMER, labelSelector = "app.kubernetes.io/managed-by=" + Labels.OPERATOR))
public class WorkloadIdentityAccount extends KubernetesDependentResource<ServiceAccount, CloudCredential>
        implements Creator<ServiceAccount, CloudCredential>, Updater<ServiceAccount, CloudCredential>, SecondaryToPrimaryMapper<ServiceAccount> {

    static final String INFORMER = "workload-identity-accounts";

    private final SecondaryToPrimaryMapper<ServiceAccount> owners = Mappers.fromOwnerReferences(CloudCredential.class, false);

    public WorkloadIdentityAccount() {
        super(ServiceAccount.class);
    }

    @Override
    protected ServiceAccount desired(CloudCredential credential, Context<CloudCredential> context) {
        return desired(credential);
    }

    static ServiceAccount desired(CloudCredential credential) {
        WorkloadIdentity identity = credential.getSpec().getWorkloadIdentity();
        return new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(identity.getServiceAccountName())
                .withNamespace(credential.getMetadata().getNamespace())
                .withAnnotations(new java.util.LinkedHashMap<>(identity.getAnnotations()))
                .addToLabels(Labels.MANAGED_BY, Labels.OPERATOR)
                .endMetadata()
                .build();
    }

    /** Its annotations present: the ServiceAccount's other annotations and fields are not the operator's. */
    @Override
    public Matcher.Result<ServiceAccount> match(ServiceAccount actual, ServiceAccount desired, CloudCredential credential,
            Context<CloudCredential> context) {
        return Matcher.Result.computed(annotations(actual).entrySet().containsAll(annotations(desired).entrySet()), desired);
    }

    /** Puts the annotations back and keeps the rest of the account (token and pull Secrets, automount) as it is. */
    @Override
    public ServiceAccount update(ServiceAccount actual, ServiceAccount desired, CloudCredential credential, Context<CloudCredential> context) {
        ServiceAccount annotated = new ServiceAccountBuilder(actual).editMetadata().addToAnnotations(desired.getMetadata().getAnnotations())
                .endMetadata().build();
        return super.update(actual, annotated, credential, context);
    }

    @Override
    public Set<ResourceID> toPrimaryResourceIDs(ServiceAccount account) {
        return owners.toPrimaryResourceIDs(account);
    }

    @Override
    protected boolean addOwnerReference() {
        return true;
    }

    /** JOSDK's owner reference, marked as the controlling one (it does not block the credential's deletion). */
    @Override
    protected void addReferenceHandlingMetadata(ServiceAccount desired, CloudCredential credential) {
        super.addReferenceHandlingMetadata(desired, credential);
        ControllerReferences.mark(desired, credential, false);
    }

    /**
     * The verdict on a ServiceAccount this credential did not create, from what the informer of
     * opted-in ServiceAccounts holds of that name: empty when it may be used.
     */
    static Optional<CredentialCheck> judge(Optional<ServiceAccount> optedIn, CloudCredential credential) {
        WorkloadIdentity identity = credential.getSpec().getWorkloadIdentity();
        String name = identity.getServiceAccountName();
        Optional<ServiceAccount> account = optedIn.filter(sa -> optedIn(sa, credential));
        if (account.isEmpty()) {
            return Optional.of(CredentialCheck.invalid("ServiceAccountNotOptedIn", "ServiceAccount " + name
                    + " exists and was not created by this CloudCredential; the operator uses it only if whoever owns it labels it "
                    + Labels.CREDENTIAL + "=" + credential.getMetadata().getName()));
        }
        if (!annotations(account.get()).entrySet().containsAll(identity.getAnnotations().entrySet())) {
            return Optional.of(CredentialCheck.invalid("ServiceAccountAnnotationsMissing", "ServiceAccount " + name
                    + " is opted in but lacks the annotations of spec.workloadIdentity (" + String.join(", ", identity.getAnnotations().keySet())
                    + "); the operator never changes a ServiceAccount it does not own"));
        }
        return Optional.empty();
    }

    static boolean optedIn(HasMetadata object, CloudCredential credential) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && credential.getMetadata().getName().equals(labels.get(Labels.CREDENTIAL));
    }

    private static Map<String, String> annotations(ServiceAccount account) {
        return account.getMetadata().getAnnotations() == null ? Map.of() : account.getMetadata().getAnnotations();
    }
}
