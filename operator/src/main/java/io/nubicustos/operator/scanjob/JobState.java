package io.nubicustos.operator.scanjob;

import java.time.Instant;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

/** Reads a scan Job's state from its status, as the Job controller reports it. */
public final class JobState {

    private JobState() {
    }

    public static boolean succeeded(Job job) {
        return condition(job, "Complete");
    }

    public static boolean failed(Job job) {
        return condition(job, "Failed");
    }

    public static boolean finished(Job job) {
        return succeeded(job) || failed(job);
    }

    public static boolean active(Job job) {
        return job.getMetadata().getDeletionTimestamp() == null && !finished(job);
    }

    public static Optional<Instant> completedAt(Job job) {
        if (job.getStatus() == null) {
            return Optional.empty();
        }
        if (job.getStatus().getCompletionTime() != null) {
            return Optional.of(Instant.parse(job.getStatus().getCompletionTime()));
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
                .map(JobCondition::getLastTransitionTime).filter(t -> t != null).findFirst().map(Instant::parse);
    }

    /** The Job controller's reason for a failure (e.g. DeadlineExceeded, BackoffLimitExceeded). */
    public static String failureReason(Job job) {
        return job.getStatus() == null ? "Failed" : job.getStatus().getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
                .map(JobCondition::getReason).filter(r -> r != null).findFirst().orElse("Failed");
    }

    private static boolean condition(Job job, String type) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
                .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
