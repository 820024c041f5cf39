package io.nubicustos.operator.networksegment;

import java.time.Clock;
import java.time.Instant;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentStatus;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentValidator;
import io.nubicustos.operator.status.Conditions;
import io.nubicustos.operator.status.KubernetesEvents;
import io.nubicustos.operator.status.SpecProblems;
import io.nubicustos.operator.status.StatusChange;

/** Validates each NetworkSegment; an invalid one renders nothing. */
@ControllerConfiguration(name = "networksegment")
public class NetworkSegmentReconciler implements Reconciler<NetworkSegment> {

    public static final String READY = "Ready";
    static final String NOT_RENDERED = "NotRendered";

    private final KubernetesEvents events;
    private final Clock clock;

    public NetworkSegmentReconciler(KubernetesEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public UpdateControl<NetworkSegment> reconcile(NetworkSegment segment, Context<NetworkSegment> context) {
        NetworkSegmentStatus status = StatusChange.copy(segment.getStatus(), NetworkSegmentStatus.class);
        Long generation = segment.getMetadata().getGeneration();
        Instant now = clock.instant();
        SpecProblems spec = new SpecProblems(NetworkSegmentValidator.validate(segment));

        if (!spec.valid()) {
            if (Conditions.set(status.getConditions(), READY, false, SpecProblems.INVALID_SPEC, spec.message(), generation, now)) {
                events.publish(segment, KubernetesEvents.WARNING, SpecProblems.INVALID_SPEC, spec.message());
            }
        } else {
            Conditions.set(status.getConditions(), READY, Conditions.UNKNOWN, NOT_RENDERED,
                    "spec is valid; no policies have been rendered yet", generation, now);
        }
        status.setObservedGeneration(generation);

        if (!StatusChange.changed(segment.getStatus(), status)) {
            return UpdateControl.noUpdate();
        }
        NetworkSegment patch = new NetworkSegment();
        patch.setMetadata(new ObjectMetaBuilder().withName(segment.getMetadata().getName()).build());
        patch.setStatus(status);
        return UpdateControl.patchStatus(patch);
    }
}
