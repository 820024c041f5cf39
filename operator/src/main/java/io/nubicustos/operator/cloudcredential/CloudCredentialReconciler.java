package io.nubicustos.operator.cloudcredential;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialSpec;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialStatus;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialValidator;
import io.nubicustos.api.v1alpha1.common.Durations;
import io.nubicustos.model.kubernetes.Labels;
import io.nubicustos.operator.config.CredentialSettings;
import io.nubicustos.operator.scanjob.UploadKeyStore;
import io.nubicustos.operator.status.Conditions;
import io.nubicustos.operator.status.KubernetesEvents;
import io.nubicustos.operator.status.ReconcileFailure;
import io.nubicustos.operator.status.SpecValidation;
import io.nubicustos.operator.status.StatusChange;
import io.nubicustos.operator.status.StatusPatch;

/**
 * Checks each CloudCredential's Secret for its provider and method, tracks its age against the
 * rotation policy, and keeps the status; the workload-identity ServiceAccount is a dependent
 * ({@link WorkloadIdentityAccount}), reconciled once the credential checks out. A Secret is used only
 * when whoever can write it opted it in for that CloudCredential (label nubicustos.io/credential = the
 * CloudCredential's name); the operator's informer selects that label, so it never caches, and
 * never labels or patches, the cluster's other Secrets.
 */
@Workflow(explicitInvocation = true,
        dependents = @Dependent(type = WorkloadIdentityAccount.class, reconcilePrecondition = OwnAccountOrNone.class))
@ControllerConfiguration(name = "cloudcredential")
public class CloudCredentialReconciler implements Reconciler<CloudCredential> {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CloudCredentialReconciler.class);

    public static final String VALID = "Valid";
    /** Mirrors Valid: the condition kubectl wait, ArgoCD and other tools look for on every kind. */
    public static final String READY = "Ready";
    public static final String ROTATION_DUE = "RotationDue";
    static final String SECRET_INDEX = "secret";
    static final String OPTED_IN_ACCOUNTS = "opted-in-accounts";

    private final SpecValidation specValidation;
    private final KubernetesEvents events;
    private final Clock clock;
    private final UploadKeyStore operatorKey;
    private final CredentialSettings settings;

    /** The informer's cache of CloudCredentials, from the latest start of the controller. */
    private volatile io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache<CloudCredential> primaries;

    public CloudCredentialReconciler(SpecValidation specValidation, KubernetesEvents events, Clock clock, UploadKeyStore operatorKey,
            CredentialSettings settings, io.micrometer.core.instrument.MeterRegistry registry) {
        // Counted from the informer's cache, so a deleted or rotated credential leaves the count at once; no names as labels.
        io.micrometer.core.instrument.Gauge.builder("nubicustos.credentials.rotation.due", this::rotationDueCount)
                .description("CloudCredentials whose Secret is older than their rotation policy allows").register(registry);
        this.settings = settings;
        this.specValidation = specValidation;
        this.events = events;
        this.clock = clock;
        this.operatorKey = operatorKey;
    }

    @Override
    public List<EventSource<?, CloudCredential>> prepareEventSources(EventSourceContext<CloudCredential> context) {
        primaries = context.getPrimaryCache();
        context.getPrimaryCache().addIndexers(Map.of(SECRET_INDEX, c -> c.getSpec() == null || c.getSpec().getSecretRef() == null
                ? List.of() : List.of(c.getMetadata().getNamespace() + "/" + c.getSpec().getSecretRef().getName())));
        return List.of(CredentialInformers.optedInSecrets(context), CredentialInformers.optedInAccounts(context));
    }

    /** What the gauge reports: the cached CloudCredentials whose RotationDue condition is True. */
    long rotationDueCount() {
        var cache = primaries;
        return cache == null ? 0 : cache.list().filter(CloudCredentialReconciler::rotationDue).count();
    }

    static boolean rotationDue(CloudCredential credential) {
        return credential.getStatus() != null && credential.getStatus().getConditions() != null && credential.getStatus().getConditions()
                .stream().anyMatch(c -> ROTATION_DUE.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Override
    public UpdateControl<CloudCredential> reconcile(CloudCredential credential, Context<CloudCredential> context) {
        CloudCredentialStatus status = StatusChange.copy(credential.getStatus(), CloudCredentialStatus.class);
        Long generation = credential.getMetadata().getGeneration();
        Instant now = clock.instant();
        status.setObservedGeneration(generation);
        if (specValidation.rejects(credential, status.getConditions(), VALID, CloudCredentialValidator.validate(credential.getSpec()))) {
            readyAsValid(status, generation, now);
            return StatusPatch.ifChanged(credential, status);
        }
        CloudCredentialSpec spec = credential.getSpec();
        Map<String, String> annotations = spec.getWorkloadIdentity() == null ? Map.of() : spec.getWorkloadIdentity().getAnnotations();

        CredentialCheck check;
        Optional<Secret> secret = Optional.empty();
        if (spec.getSecretRef() == null) {
            check = CredentialValidator.check(spec, Map.of(), List.of(), annotations);
        } else {
            secret = context.getSecondaryResource(Secret.class).filter(s -> WorkloadIdentityAccount.optedIn(s, credential));
            check = secret.map(s -> CredentialValidator.check(spec, SecretData.decode(s), SecretData.keys(spec), annotations))
                    .orElseGet(() -> CredentialCheck.invalid("SecretNotFound", "Secret " + spec.getSecretRef().getName()
                            + " does not exist in namespace " + credential.getMetadata().getNamespace() + ", or its owner has not opted it in: "
                            + "the operator reads a Secret only when it is labelled " + Labels.CREDENTIAL + "=" + credential.getMetadata().getName()));
        }
        if (check.valid() && spec.getWorkloadIdentity() != null) {
            var workflow = context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            workflow.throwAggregateExceptionIfErrorsPresent();
            if (workflow.getReconciledDependents().isEmpty()) {
                // Not its own: usable only when opted in and annotated.
                check = WorkloadIdentityAccount.judge(context.getSecondaryResource(ServiceAccount.class, OPTED_IN_ACCOUNTS), credential)
                        .orElse(check);
            }
        }

        if (Conditions.set(status.getConditions(), VALID, check.valid(), check.reason(), check.message(), generation, now)) {
            events.publish(credential, check.valid() ? KubernetesEvents.NORMAL : KubernetesEvents.WARNING,
                    check.valid() ? "CredentialValid" : check.reason(), check.message());
            LOG.infof("CloudCredential %s/%s: %s (%s): %s", credential.getMetadata().getNamespace(), credential.getMetadata().getName(),
                    check.valid() ? "valid" : "invalid", check.reason(), check.message());
        }
        readyAsValid(status, generation, now);
        status.setLastValidated(now.truncatedTo(ChronoUnit.SECONDS).toString());
        if (secret.isPresent()) {
            status.setFingerprint(SecretFingerprint.of(secret.get(), operatorKey.key()));
            long age = SecretAge.days(secret.get(), now);
            long maxAge = Durations.parse(spec.getRotation() == null ? "90d" : spec.getRotation().getMaxAge()).toDays();
            status.setAgeDays(age);
            boolean due = age > maxAge;
            if (Conditions.set(status.getConditions(), ROTATION_DUE, due, due ? "MaxAgeExceeded" : "WithinMaxAge",
                    "the Secret is " + age + " days old; rotation is due after " + maxAge, generation, now) && due) {
                events.publish(credential, KubernetesEvents.WARNING, "RotationDue",
                        "Secret " + spec.getSecretRef().getName() + " is " + age + " days old (max " + maxAge + ")");
            }
        } else {
            status.setFingerprint(null);
            status.setAgeDays(null);
            Conditions.set(status.getConditions(), ROTATION_DUE, false, "NoSecret", "no Secret to rotate", generation, now);
        }
        // lastValidated alone must not cause a patch on every reconcile.
        CloudCredentialStatus previous = credential.getStatus();
        if (previous != null && !StatusChange.changed(withoutTimestamp(previous), withoutTimestamp(status))) {
            status.setLastValidated(previous.getLastValidated());
        }
        UpdateControl<CloudCredential> control = StatusPatch.ifChanged(credential, status);
        control.rescheduleAfter(spec.getSecretRef() != null && secret.isEmpty()
                ? settings.missingSecretRecheck() : settings.revalidateInterval());
        return control;
    }

    private static void readyAsValid(CloudCredentialStatus status, Long generation, Instant now) {
        Conditions.find(status.getConditions(), VALID).ifPresent(valid -> Conditions.set(status.getConditions(), READY, valid.getStatus(),
                valid.getReason(), valid.getMessage(), generation, now));
    }

    /** A failed reconcile turns Ready False with what kind of failure it was (Valid keeps the credential's verdict); JOSDK retries. */
    @Override
    public ErrorStatusUpdateControl<CloudCredential> updateErrorStatus(CloudCredential credential, Context<CloudCredential> context,
            Exception e) {
        CloudCredentialStatus status = StatusChange.copy(credential.getStatus(), CloudCredentialStatus.class);
        String message = ReconcileFailure.describe(e);
        if (Conditions.set(status.getConditions(), READY, false, ReconcileFailure.REASON, message, credential.getMetadata().getGeneration(),
                clock.instant())) {
            events.publish(credential, KubernetesEvents.WARNING, ReconcileFailure.REASON, message);
        }
        return StatusPatch.errorIfChanged(credential, status);
    }

    private static CloudCredentialStatus withoutTimestamp(CloudCredentialStatus status) {
        CloudCredentialStatus copy = StatusChange.copy(status, CloudCredentialStatus.class);
        copy.setLastValidated(null);
        return copy;
    }
}
