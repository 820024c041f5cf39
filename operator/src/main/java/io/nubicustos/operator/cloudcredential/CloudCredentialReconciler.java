package io.nubicustos.operator.cloudcredential;

import java.time.Clock;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialStatus;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialValidator;
import io.nubicustos.operator.status.Conditions;
import io.nubicustos.operator.status.SpecValidation;
import io.nubicustos.operator.status.StatusChange;
import io.nubicustos.operator.status.StatusPatch;

/** Validates each CloudCredential's spec; it does not read the referenced Secret. */
@ControllerConfiguration(name = "cloudcredential")
public class CloudCredentialReconciler implements Reconciler<CloudCredential> {

    public static final String VALID = "Valid";
    static final String SECRET_NOT_CHECKED = "SecretNotChecked";

    private final SpecValidation specValidation;
    private final Clock clock;

    public CloudCredentialReconciler(SpecValidation specValidation, Clock clock) {
        this.specValidation = specValidation;
        this.clock = clock;
    }

    @Override
    public UpdateControl<CloudCredential> reconcile(CloudCredential credential, Context<CloudCredential> context) {
        CloudCredentialStatus status = StatusChange.copy(credential.getStatus(), CloudCredentialStatus.class);
        if (!specValidation.rejects(credential, status.getConditions(), VALID, CloudCredentialValidator.validate(credential.getSpec()))) {
            Conditions.set(status.getConditions(), VALID, Conditions.UNKNOWN, SECRET_NOT_CHECKED,
                    "spec is valid; the credential itself has not been checked", credential.getMetadata().getGeneration(),
                    clock.instant());
        }
        status.setObservedGeneration(credential.getMetadata().getGeneration());
        return StatusPatch.ifChanged(credential, status);
    }
}
