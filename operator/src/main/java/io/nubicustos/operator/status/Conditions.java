package io.nubicustos.operator.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/**
 * Standard {@code metav1.Condition}s on a status: {@code lastTransitionTime} changes only when a
 * condition's status flips, so watchers and ArgoCD see real transitions, not reconcile ticks.
 */
public final class Conditions {

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private Conditions() {
    }

    /**
     * Sets condition {@code type} in {@code conditions}, replacing the previous one of that type.
     *
     * @return true when anything about the condition changed
     */
    public static boolean set(List<Condition> conditions, String type, boolean status, String reason, String message,
            Long generation, Instant now) {
        return set(conditions, type, status ? TRUE : FALSE, reason, message, generation, now);
    }

    /** As {@link #set(List, String, boolean, String, String, Long, Instant)}, with True, False or Unknown. */
    public static boolean set(List<Condition> conditions, String type, String wanted, String reason, String message,
            Long generation, Instant now) {
        Optional<Condition> previous = find(conditions, type);
        String transition = previous.filter(c -> wanted.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        Condition next = new ConditionBuilder()
                .withType(type)
                .withStatus(wanted)
                .withReason(reason)
                .withMessage(message == null ? "" : message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(transition)
                .build();
        if (previous.isPresent() && same(previous.get(), next)) {
            return false;
        }
        previous.ifPresent(conditions::remove);
        conditions.add(next);
        conditions.sort((a, b) -> a.getType().compareTo(b.getType()));
        return true;
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
    }

    private static boolean same(Condition a, Condition b) {
        return Objects.equals(a.getStatus(), b.getStatus()) && Objects.equals(a.getReason(), b.getReason())
                && Objects.equals(a.getMessage(), b.getMessage())
                && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration());
    }
}
