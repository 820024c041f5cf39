package io.nubicustos.operator.scanjob;

import java.time.Clock;
import java.time.Instant;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobStatus;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobValidator;
import io.nubicustos.api.v1alpha1.scanjob.ScanPhase;
import io.nubicustos.operator.status.Conditions;
import io.nubicustos.operator.status.KubernetesEvents;
import io.nubicustos.operator.status.SpecProblems;
import io.nubicustos.operator.status.StatusChange;

/**
 * Validates each ScanJob as the CRD would (so objects that skipped the API server's CEL rules
 * still get a clear condition) and reports it through status and Events.
 */
@ControllerConfiguration(name = "scanjob")
public class ScanJobReconciler implements Reconciler<ScanJob> {

    public static final String READY = "Ready";
    static final String AWAITING_RUN = "AwaitingRun";

    private final KubernetesEvents events;
    private final Clock clock;

    public ScanJobReconciler(KubernetesEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public UpdateControl<ScanJob> reconcile(ScanJob scanJob, Context<ScanJob> context) {
        ScanJobStatus status = StatusChange.copy(scanJob.getStatus(), ScanJobStatus.class);
        Long generation = scanJob.getMetadata().getGeneration();
        Instant now = clock.instant();
        SpecProblems spec = new SpecProblems(ScanJobValidator.validate(scanJob.getSpec()));

        if (!spec.valid()) {
            status.setPhase(ScanPhase.FAILED);
            if (Conditions.set(status.getConditions(), READY, false, SpecProblems.INVALID_SPEC, spec.message(), generation, now)) {
                events.publish(scanJob, KubernetesEvents.WARNING, SpecProblems.INVALID_SPEC, spec.message());
            }
        } else {
            boolean suspended = Boolean.TRUE.equals(scanJob.getSpec().getSuspend());
            status.setPhase(suspended ? ScanPhase.SUSPENDED : ScanPhase.PENDING);
            Conditions.set(status.getConditions(), READY, false, suspended ? "Suspended" : AWAITING_RUN,
                    suspended ? "spec.suspend is true" : "spec is valid; no run has started yet", generation, now);
        }
        status.setObservedGeneration(generation);

        if (!StatusChange.changed(scanJob.getStatus(), status)) {
            return UpdateControl.noUpdate();
        }
        ScanJob patch = new ScanJob();
        patch.setMetadata(new ObjectMetaBuilder()
                .withName(scanJob.getMetadata().getName())
                .withNamespace(scanJob.getMetadata().getNamespace())
                .build());
        patch.setStatus(status);
        return UpdateControl.patchStatus(patch);
    }
}
