package io.nubicustos.operator.scanjob;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.nubicustos.api.v1alpha1.scanjob.CronSchedule;
import io.nubicustos.api.v1alpha1.scanjob.RunSummary;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;

/**
 * Which run is due now, as a pure function of the ScanJob, its last run and the time. Without a
 * schedule, each spec generation runs once. With one, the latest scheduled time is due if it is
 * newer than the last run's, not before the ScanJob existed, and within startingDeadlineSeconds.
 */
public final class RunPlanner {

    /** The run to start now, if any, and the next scheduled time. */
    public record Plan(Optional<ScanRun> due, Optional<Instant> nextRunAt) {
    }

    private RunPlanner() {
    }

    public static Plan plan(ScanJob scanJob, RunSummary lastRun, Instant now) {
        var spec = scanJob.getSpec();
        if (spec.getSchedule() == null) {
            ScanRun run = ScanRun.forGeneration(scanJob);
            boolean due = lastRun == null || !run.id().equals(lastRun.getId());
            return new Plan(due ? Optional.of(run) : Optional.empty(), Optional.empty());
        }
        CronSchedule schedule = CronSchedule.parse(spec.getSchedule(), spec.getTimeZone());
        Optional<Instant> next = schedule.next(now);
        Optional<Instant> slot = schedule.latest(now);
        if (slot.isEmpty()) {
            return new Plan(Optional.empty(), next);
        }
        Instant created = scanJob.getMetadata().getCreationTimestamp() == null ? null
                : Instant.parse(scanJob.getMetadata().getCreationTimestamp());
        Instant lastSlot = lastRun == null || lastRun.getScheduledAt() == null ? null : Instant.parse(lastRun.getScheduledAt());
        boolean afterCreation = created == null || !slot.get().isBefore(created.truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        boolean newer = lastSlot == null || slot.get().isAfter(lastSlot);
        boolean inTime = spec.getStartingDeadlineSeconds() == null
                || Duration.between(slot.get(), now).getSeconds() <= spec.getStartingDeadlineSeconds();
        return new Plan(afterCreation && newer && inTime ? Optional.of(ScanRun.forSlot(scanJob, slot.get())) : Optional.empty(), next);
    }
}
