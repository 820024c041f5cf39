package io.nubicustos.operator.networksegment;

import java.time.Clock;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentStatus;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentValidator;
import io.nubicustos.operator.status.Conditions;
import io.nubicustos.operator.status.SpecValidation;
import io.nubicustos.operator.status.StatusChange;
import io.nubicustos.operator.status.StatusPatch;

/** Validates each NetworkSegment; an invalid one renders nothing. */
@ControllerConfiguration(name = "networksegment")
public class NetworkSegmentReconciler implements Reconciler<NetworkSegment> {

    public static final String READY = "Ready";
    static final String NOT_RENDERED = "NotRendered";

    private final SpecValidation specValidation;
    private final Clock clock;

    public NetworkSegmentReconciler(SpecValidation specValidation, Clock clock) {
        this.specValidation = specValidation;
        this.clock = clock;
    }

    @Override
    public UpdateControl<NetworkSegment> reconcile(NetworkSegment segment, Context<NetworkSegment> context) {
        NetworkSegmentStatus status = StatusChange.copy(segment.getStatus(), NetworkSegmentStatus.class);
        if (!specValidation.rejects(segment, status.getConditions(), READY, NetworkSegmentValidator.validate(segment))) {
            Conditions.set(status.getConditions(), READY, Conditions.UNKNOWN, NOT_RENDERED,
                    "spec is valid; no policies have been rendered yet", segment.getMetadata().getGeneration(), clock.instant());
        }
        status.setObservedGeneration(segment.getMetadata().getGeneration());
        return StatusPatch.ifChanged(segment, status);
    }
}
