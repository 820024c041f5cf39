package io.nubicustos.findings.scan;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nubicustos.api.v1alpha1.scanjob.RunSummary;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.findings.ingest.RunRecorder;
import io.nubicustos.findings.ingest.RunStart;
import io.nubicustos.model.ingest.UploadToken;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * What the operator says of each ScanJob's last run, kept in the runs table: a run is listed
 * (and can be cancelled) as soon as its Job starts, not only once its scanner uploads, and a run
 * the operator ended without an upload (cancelled, image not pulled, deadline) ends here too,
 * resolving nothing. The ScanJobs come from an informer, so ingest can ask, without a call to the
 * API server, whether a run was cancelled.
 */
@ApplicationScoped
public class RunStatusMirror {

    private static final Logger LOG = Logger.getLogger(RunStatusMirror.class);
    /** The outcomes of {@code status.lastRun} the operator writes (RunCompletions). */
    static final String CANCELLED = "Cancelled";
    static final String FAILED = "Failed";

    private final KubernetesClient client;
    private final RunRecorder recorder;
    private final Clock clock;
    private volatile SharedIndexInformer<ScanJob> scanJobs;

    public RunStatusMirror(KubernetesClient client, RunRecorder recorder, Clock clock) {
        this.client = client;
        this.recorder = recorder;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        scanJobs = client.resources(ScanJob.class).inAnyNamespace().runnableInformer(0);
        scanJobs.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ScanJob scanJob) {
                mirror(scanJob);
            }

            @Override
            public void onUpdate(ScanJob before, ScanJob after) {
                mirror(after);
            }

            @Override
            public void onDelete(ScanJob scanJob, boolean unknownFinalState) {
                // Its runs stay: they are the history findings were resolved by.
            }
        });
        // Lists and watches in the background, retrying while the API server is unreachable.
        scanJobs.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scanJobs != null) {
            scanJobs.close();
        }
    }

    /** The upload id the operator gives a run of this ScanJob (ScanRun.uploadId): the ScanJob's UID and the run. */
    static String runId(ScanJob scanJob, RunSummary run) {
        return scanJob.getMetadata().getUid() + "-" + run.getId();
    }

    /** Whether the run this token uploads for was stopped on purpose: its ScanJob is suspended, or the run ended Cancelled. */
    public boolean cancelled(UploadToken token) {
        ScanJob scanJob = scanJobs == null ? null : scanJobs.getStore().getByKey(token.namespace() + "/" + token.scanJob());
        if (scanJob == null || !Objects.equals(scanJob.getMetadata().getUid(), token.scanJobUid())) {
            return false;
        }
        if (Boolean.TRUE.equals(scanJob.getSpec().getSuspend())) {
            return true;
        }
        RunSummary last = scanJob.getStatus() == null ? null : scanJob.getStatus().getLastRun();
        return last != null && CANCELLED.equals(last.getOutcome()) && runId(scanJob, last).equals(token.runId());
    }

    void mirror(ScanJob scanJob) {
        RunSummary last = scanJob.getStatus() == null ? null : scanJob.getStatus().getLastRun();
        if (last == null || last.getId() == null || scanJob.getMetadata().getUid() == null || scanJob.getSpec() == null
                || scanJob.getSpec().getTool() == null || scanJob.getSpec().getProvider() == null) {
            return;
        }
        boolean ended = CANCELLED.equals(last.getOutcome()) || FAILED.equals(last.getOutcome());
        if (last.getOutcome() != null && !ended) {
            // Succeeded: the scanner completed its upload itself.
            return;
        }
        try {
            var run = recorder.start(new RunStart(runId(scanJob, last), scanJob.getMetadata().getNamespace(), scanJob.getMetadata().getName(),
                    scanJob.getMetadata().getUid(), scanJob.getSpec().getTool().wireName(), providerName(scanJob),
                    instant(last.getStartedAt())));
            if (ended) {
                recorder.end(run, last.getOutcome().toLowerCase(Locale.ROOT), instant(last.getCompletedAt()));
            }
        } catch (RuntimeException e) {
            // A database outage: the next event or the informer's resync brings it again.
            LOG.warnf("run %s of ScanJob %s/%s not mirrored: %s", last.getId(), scanJob.getMetadata().getNamespace(),
                    scanJob.getMetadata().getName(), e.getClass().getSimpleName());
        }
    }

    private static String providerName(ScanJob scanJob) {
        return scanJob.getSpec().getProvider().name().toLowerCase(Locale.ROOT);
    }

    private Instant instant(String text) {
        try {
            return text == null ? clock.instant() : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return clock.instant();
        }
    }
}
