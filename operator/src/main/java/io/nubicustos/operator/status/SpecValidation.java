package io.nubicustos.operator.status;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The {@code InvalidSpec} outcome all kinds share: the condition that gates the resource turns
 * False with the validators' messages (which name fields, never values), and a Warning event is
 * published when that changes, not on every reconcile.
 */
@ApplicationScoped
public class SpecValidation {

    public static final String INVALID_SPEC = "InvalidSpec";

    private final KubernetesEvents events;
    private final Clock clock;

    public SpecValidation(KubernetesEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param problems what the kind's validator found; empty for a valid spec
     * @return true when the spec is invalid and {@code conditionType} now says so
     */
    public boolean rejects(HasMetadata resource, List<Condition> conditions, String conditionType, List<String> problems) {
        if (problems.isEmpty()) {
            return false;
        }
        String message = String.join("; ", problems);
        if (Conditions.set(conditions, conditionType, false, INVALID_SPEC, message, resource.getMetadata().getGeneration(),
                clock.instant())) {
            events.publish(resource, KubernetesEvents.WARNING, INVALID_SPEC, message);
        }
        return true;
    }
}
