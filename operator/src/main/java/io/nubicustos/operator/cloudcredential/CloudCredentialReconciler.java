package io.nubicustos.operator.cloudcredential;

import java.time.Clock;
import java.time.Instant;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialStatus;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialValidator;
import io.nubicustos.operator.status.Conditions;
import io.nubicustos.operator.status.KubernetesEvents;
import io.nubicustos.operator.status.SpecProblems;
import io.nubicustos.operator.status.StatusChange;

/** Validates each CloudCredential's spec; it does not read the referenced Secret. */
@ControllerConfiguration(name = "cloudcredential")
public class CloudCredentialReconciler implements Reconciler<CloudCredential> {

    public static final String VALID = "Valid";
    static final String SECRET_NOT_CHECKED = "SecretNotChecked";

    private final KubernetesEvents events;
    private final Clock clock;

    public CloudCredentialReconciler(KubernetesEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public UpdateControl<CloudCredential> reconcile(CloudCredential credential, Context<CloudCredential> context) {
        CloudCredentialStatus status = StatusChange.copy(credential.getStatus(), CloudCredentialStatus.class);
        Long generation = credential.getMetadata().getGeneration();
        Instant now = clock.instant();
        SpecProblems spec = new SpecProblems(CloudCredentialValidator.validate(credential.getSpec()));

        if (!spec.valid()) {
            if (Conditions.set(status.getConditions(), VALID, false, SpecProblems.INVALID_SPEC, spec.message(), generation, now)) {
                events.publish(credential, KubernetesEvents.WARNING, SpecProblems.INVALID_SPEC, spec.message());
            }
        } else {
            Conditions.set(status.getConditions(), VALID, Conditions.UNKNOWN, SECRET_NOT_CHECKED,
                    "spec is valid; the credential itself has not been checked", generation, now);
        }
        status.setObservedGeneration(generation);

        if (!StatusChange.changed(credential.getStatus(), status)) {
            return UpdateControl.noUpdate();
        }
        CloudCredential patch = new CloudCredential();
        patch.setMetadata(new ObjectMetaBuilder()
                .withName(credential.getMetadata().getName())
                .withNamespace(credential.getMetadata().getNamespace())
                .build());
        patch.setStatus(status);
        return UpdateControl.patchStatus(patch);
    }
}
