package io.nubicustos.operator.scanjob;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nubicustos.api.v1alpha1.scanjob.FindingCounts;
import io.nubicustos.api.v1alpha1.scanjob.RunSummary;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobStatus;
import io.nubicustos.operator.status.Conditions;
import io.nubicustos.operator.status.KubernetesEvents;
import io.nubicustos.operator.status.StatusChange;

/**
 * The end of a run: its outcome and finding counts into the status (once), the Succeeded and
 * Failed conditions, an Event, metrics, and the history kept within historyLimit.
 */
@ApplicationScoped
public class RunCompletions {

    static final String SUCCEEDED = ScanJobReconciler.SUCCEEDED;
    static final String FAILED = ScanJobReconciler.FAILED;
    /** The outcome of a run stopped on purpose (spec.suspend, DELETE /api/scans/{id}): neither success nor failure. */
    public static final String CANCELLED = "Cancelled";
    private static final Logger LOG = Logger.getLogger(RunCompletions.class);

    private final KubernetesEvents events;
    private final ScanMetrics metrics;

    public RunCompletions(KubernetesEvents events, ScanMetrics metrics) {
        this.events = events;
        this.metrics = metrics;
    }

    /** Moves the last run to its outcome once its Job has finished (or vanished), exactly once. */
    public void record(ScanJob scanJob, ScanJobStatus status, List<Job> owned, KubernetesClient client, Instant now) {
        RunSummary last = status.getLastRun();
        if (last == null) {
            return;
        }
        if (last.getOutcome() != null) {
            // Recorded by an earlier reconcile: its Job may go now, and must if the run was stopped while it ran.
            owned.stream().filter(j -> j.getMetadata().getName().equals(last.getJob()) && JobState.active(j))
                    .forEach(j -> client.resource(j).withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND)
                            .delete());
            pruneJobs(scanJob, owned, client, null);
            return;
        }
        Optional<Job> job = owned.stream().filter(j -> j.getMetadata().getName().equals(last.getJob())).findFirst();
        if (job.isPresent() && !JobState.finished(job.get())) {
            return;
        }
        boolean succeeded = job.isPresent() && JobState.succeeded(job.get());
        Instant completed = job.flatMap(JobState::completedAt).orElse(now);
        last.setCompletedAt(completed.truncatedTo(ChronoUnit.SECONDS).toString());
        last.setOutcome(succeeded ? SUCCEEDED : FAILED);
        if (succeeded) {
            scannerTerminationMessage(client, scanJob, last.getJob()).flatMap(RunResult::counts).ifPresent(last::setFindings);
        }
        Long generation = scanJob.getMetadata().getGeneration();
        String reason = job.isEmpty() ? "JobDeleted" : succeeded ? "RunSucceeded" : JobState.failureReason(job.get());
        String message = "run " + last.getId() + (succeeded ? " succeeded" + counts(last.getFindings())
                : job.isEmpty() ? " lost: its Job was deleted before it finished" : " failed (" + reason + ")");
        Conditions.set(status.getConditions(), SUCCEEDED, succeeded, succeeded ? "RunSucceeded" : "RunFailed", message, generation, now);
        Conditions.set(status.getConditions(), FAILED, !succeeded, succeeded ? "RunSucceeded" : reason, message, generation, now);
        events.publish(scanJob, succeeded ? KubernetesEvents.NORMAL : KubernetesEvents.WARNING,
                succeeded ? "RunSucceeded" : "RunFailed", message);
        LOG.infof("ScanJob %s/%s: %s", scanJob.getMetadata().getNamespace(), scanJob.getMetadata().getName(), message);
        Instant started = last.getStartedAt() == null ? completed : Instant.parse(last.getStartedAt());
        metrics.finished(scanJob.getSpec().getTool().wireName(), succeeded, Duration.between(started, completed).abs());

        remember(scanJob, status, last);
        // Not the Job of the run just recorded: until this status is written it is the only record of the
        // outcome, and a reconcile that still sees the old status would take the run for lost. The
        // reconciler comes back shortly after a completion to prune it.
        pruneJobs(scanJob, owned, client, last.getJob());
    }

    /**
     * Ends the active run before its Job does, once. Its Job is deleted by the next reconcile
     * ({@link #record}), once this outcome is written: a reconcile that saw the Job gone before the
     * status said why would take the run for lost.
     */
    public void stop(ScanJob scanJob, ScanJobStatus status, Instant now, RunEnding ending) {
        RunSummary last = status.getLastRun();
        if (last == null || last.getOutcome() != null) {
            return;
        }
        last.setCompletedAt(now.truncatedTo(ChronoUnit.SECONDS).toString());
        last.setOutcome(ending.outcome());
        Long generation = scanJob.getMetadata().getGeneration();
        String message = "run " + last.getId() + " " + ending.message() + "; Job " + last.getJob() + " deleted";
        boolean failed = FAILED.equals(ending.outcome());
        Conditions.set(status.getConditions(), SUCCEEDED, false, failed ? "RunFailed" : ending.reason(), message, generation, now);
        Conditions.set(status.getConditions(), FAILED, failed, ending.reason(), message, generation, now);
        events.publish(scanJob, failed ? KubernetesEvents.WARNING : KubernetesEvents.NORMAL, failed ? "RunFailed" : ending.reason(), message);
        LOG.infof("ScanJob %s/%s: %s", scanJob.getMetadata().getNamespace(), scanJob.getMetadata().getName(), message);
        Instant started = last.getStartedAt() == null ? now : Instant.parse(last.getStartedAt());
        metrics.finished(scanJob.getSpec().getTool().wireName(), ending.outcome().toLowerCase(java.util.Locale.ROOT),
                Duration.between(started, now).abs());
        remember(scanJob, status, last);
    }

    /** Whether this Job's run has an outcome already (its Job is on its way out). */
    static boolean ended(ScanJobStatus status, Job job) {
        RunSummary last = status.getLastRun();
        return last != null && last.getOutcome() != null && job.getMetadata().getName().equals(last.getJob());
    }

    /** The run into the bounded history, newest first. */
    private static void remember(ScanJob scanJob, ScanJobStatus status, RunSummary last) {
        status.getHistory().removeIf(r -> r.getId() != null && r.getId().equals(last.getId()));
        status.getHistory().add(0, StatusChange.copy(last, RunSummary.class));
        pruneHistory(scanJob, status);
    }

    private static int[] limits(ScanJob scanJob) {
        var limits = scanJob.getSpec().getHistoryLimit();
        return new int[] { limits == null || limits.getSuccessful() == null ? 3 : limits.getSuccessful(),
            limits == null || limits.getFailed() == null ? 1 : limits.getFailed() };
    }

    /** Keeps historyLimit successful and failed runs in status. */
    private static void pruneHistory(ScanJob scanJob, ScanJobStatus status) {
        int[] keep = limits(scanJob);
        int[] seen = new int[2];
        status.getHistory().removeIf(r -> {
            boolean ok = SUCCEEDED.equals(r.getOutcome());
            return ++seen[ok ? 0 : 1] > keep[ok ? 0 : 1];
        });
    }

    /** Keeps historyLimit successful and failed runs as Jobs, never deleting {@code spared}. */
    private static void pruneJobs(ScanJob scanJob, List<Job> owned, KubernetesClient client, String spared) {
        int[] keep = limits(scanJob);
        List<Job> finished = owned.stream().filter(JobState::finished)
                .sorted(Comparator.comparing((Job j) -> j.getMetadata().getCreationTimestamp(), Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
                .toList();
        int[] kept = new int[2];
        for (Job job : finished) {
            boolean ok = JobState.succeeded(job);
            if (++kept[ok ? 0 : 1] > keep[ok ? 0 : 1] && !job.getMetadata().getName().equals(spared)) {
                client.resource(job).withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
            }
        }
    }

    private static Optional<String> scannerTerminationMessage(KubernetesClient client, ScanJob scanJob, String jobName) {
        try {
            return client.pods().inNamespace(scanJob.getMetadata().getNamespace()).withLabel("job-name", jobName).list().getItems()
                    .stream()
                    .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp(), Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
                    .flatMap(p -> p.getStatus() == null ? java.util.stream.Stream.empty() : p.getStatus().getContainerStatuses().stream())
                    .filter(c -> ScanJobFactory.SCANNER_CONTAINER.equals(c.getName()) && c.getState() != null && c.getState().getTerminated() != null)
                    .map(c -> c.getState().getTerminated().getMessage())
                    .filter(m -> m != null && !m.isBlank())
                    .findFirst();
        } catch (KubernetesClientException e) {
            LOG.debugf("could not read the pods of Job %s: %s", jobName, e.getCode());
            return Optional.empty();
        }
    }

    private static String counts(FindingCounts c) {
        return c == null ? "" : String.format(": %d critical, %d high, %d medium, %d low, %d info",
                c.getCritical(), c.getHigh(), c.getMedium(), c.getLow(), c.getInfo());
    }
}
