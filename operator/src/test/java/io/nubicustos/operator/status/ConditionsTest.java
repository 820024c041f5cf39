package io.nubicustos.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;

class ConditionsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00.123Z");
    private static final Instant T1 = T0.plusSeconds(60);

    private final List<Condition> conditions = new ArrayList<>();

    @Test
    void aNewConditionTakesTheCurrentTimeInWholeSeconds() {
        assertThat(Conditions.set(conditions, "Ready", false, "InvalidSpec", "bad", 1L, T0)).isTrue();
        assertThat(conditions).singleElement().satisfies(c -> {
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-23T10:00:00Z");
            assertThat(c.getObservedGeneration()).isEqualTo(1L);
        });
    }

    @Test
    void theSameConditionAgainChangesNothing() {
        Conditions.set(conditions, "Ready", false, "InvalidSpec", "bad", 1L, T0);
        assertThat(Conditions.set(conditions, "Ready", false, "InvalidSpec", "bad", 1L, T1)).isFalse();
        assertThat(conditions.get(0).getLastTransitionTime()).isEqualTo("2026-11-23T10:00:00Z");
    }

    @Test
    void aNewReasonWithTheSameStatusKeepsTheTransitionTime() {
        Conditions.set(conditions, "Ready", false, "InvalidSpec", "bad", 1L, T0);
        assertThat(Conditions.set(conditions, "Ready", false, "AwaitingRun", "fine now", 2L, T1)).isTrue();
        assertThat(conditions).singleElement().satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("AwaitingRun");
            assertThat(c.getObservedGeneration()).isEqualTo(2L);
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-23T10:00:00Z");
        });
    }

    @Test
    void aFlipMovesTheTransitionTime() {
        Conditions.set(conditions, "Ready", false, "InvalidSpec", "bad", 1L, T0);
        Conditions.set(conditions, "Ready", true, "Ready", "ok", 1L, T1);
        assertThat(conditions.get(0).getLastTransitionTime()).isEqualTo("2026-11-23T10:01:00Z");
        assertThat(Conditions.isTrue(conditions, "Ready")).isTrue();
    }

    @Test
    void conditionsStaySortedByTypeSoStatusPatchesAreStable() {
        Conditions.set(conditions, "Running", false, "Idle", "", 1L, T0);
        Conditions.set(conditions, "CredentialResolved", true, "Resolved", "", 1L, T0);
        Conditions.set(conditions, "Ready", false, "AwaitingRun", "", 1L, T0);
        assertThat(conditions).extracting(Condition::getType).containsExactly("CredentialResolved", "Ready", "Running");
    }
}
