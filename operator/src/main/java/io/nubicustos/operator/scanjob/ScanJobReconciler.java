package io.nubicustos.operator.scanjob;

import java.time.Clock;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobStatus;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobValidator;
import io.nubicustos.api.v1alpha1.scanjob.ScanPhase;
import io.nubicustos.operator.status.Conditions;
import io.nubicustos.operator.status.SpecValidation;
import io.nubicustos.operator.status.StatusChange;
import io.nubicustos.operator.status.StatusPatch;

/**
 * Validates each ScanJob as the CRD would (so objects that skipped the API server's CEL rules
 * still get a clear condition) and reports it through status and Events.
 */
@ControllerConfiguration(name = "scanjob")
public class ScanJobReconciler implements Reconciler<ScanJob> {

    public static final String READY = "Ready";
    static final String AWAITING_RUN = "AwaitingRun";
    static final String SUSPENDED = "Suspended";

    private final SpecValidation specValidation;
    private final Clock clock;

    public ScanJobReconciler(SpecValidation specValidation, Clock clock) {
        this.specValidation = specValidation;
        this.clock = clock;
    }

    @Override
    public UpdateControl<ScanJob> reconcile(ScanJob scanJob, Context<ScanJob> context) {
        ScanJobStatus status = StatusChange.copy(scanJob.getStatus(), ScanJobStatus.class);
        if (specValidation.rejects(scanJob, status.getConditions(), READY, ScanJobValidator.validate(scanJob.getSpec()))) {
            status.setPhase(ScanPhase.FAILED);
        } else if (Boolean.TRUE.equals(scanJob.getSpec().getSuspend())) {
            status.setPhase(ScanPhase.SUSPENDED);
            Conditions.set(status.getConditions(), READY, false, SUSPENDED, "spec.suspend is true",
                    scanJob.getMetadata().getGeneration(), clock.instant());
        } else {
            status.setPhase(ScanPhase.PENDING);
            Conditions.set(status.getConditions(), READY, false, AWAITING_RUN, "spec is valid; no run has started yet",
                    scanJob.getMetadata().getGeneration(), clock.instant());
        }
        status.setObservedGeneration(scanJob.getMetadata().getGeneration());
        return StatusPatch.ifChanged(scanJob, status);
    }
}
