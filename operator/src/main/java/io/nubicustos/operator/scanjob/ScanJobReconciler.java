package io.nubicustos.operator.scanjob;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.scanjob.ConcurrencyPolicy;
import io.nubicustos.api.v1alpha1.scanjob.RunSummary;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobStatus;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobValidator;
import io.nubicustos.api.v1alpha1.scanjob.ScanPhase;
import io.nubicustos.api.v1alpha1.scanjob.ScanPolicy;
import io.nubicustos.api.v1alpha1.scanjob.ScanPolicyCheck;
import io.nubicustos.model.ingest.UploadToken;
import io.nubicustos.model.kubernetes.Labels;
import io.nubicustos.operator.config.ScanPolicies;
import io.nubicustos.operator.config.ScanSettings;
import io.nubicustos.operator.ownership.ControllerReferences;
import io.nubicustos.operator.status.Conditions;
import io.nubicustos.operator.status.KubernetesEvents;
import io.nubicustos.operator.status.SpecValidation;
import io.nubicustos.operator.status.StatusChange;
import io.nubicustos.operator.status.StatusPatch;

/**
 * Turns each ScanJob into runs: one batch/v1 Job per run, created when a run is due, the
 * preconditions hold and the cluster-wide limit has a slot; then follows the Job to its end and
 * reports through status, Events and metrics. Never sleeps: waiting is {@code rescheduleAfter}
 * or an event from a watched object (Jobs, CloudCredentials, NetworkSegments).
 */
@ControllerConfiguration(name = "scanjob")
public class ScanJobReconciler implements Reconciler<ScanJob>, Cleaner<ScanJob> {

    public static final String READY = "Ready";
    public static final String CREDENTIAL_RESOLVED = "CredentialResolved";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    /** Whether every image of the scan is pinned by digest (False: a tag alone, which its registry can move). */
    public static final String IMAGE_PINNED = "ImagePinned";

    static final String CREDENTIAL_INDEX = "credential";
    static final String SEGMENT_INDEX = "segment";
    static final String MANAGED_SELECTOR = "app.kubernetes.io/managed-by=" + Labels.OPERATOR;

    private static final Logger LOG = Logger.getLogger(ScanJobReconciler.class);

    private final SpecValidation specValidation;
    private final KubernetesEvents events;
    private final Clock clock;
    private final ToolCatalog catalog;
    private final ScanSettings settings;
    private final RunQueue queue;
    private final UploadKeyStore uploadKeys;
    private final ScanMetrics metrics;
    private final ScanPodDefaults podDefaults;
    private final AuditAccess auditAccess;
    private final RunCompletions completions;
    private final ScanPolicy policy;
    private volatile InformerEventSource<Job, ScanJob> jobs;
    private volatile InformerEventSource<Pod, ScanJob> pods;

    public ScanJobReconciler(SpecValidation specValidation, KubernetesEvents events, Clock clock, ToolCatalog catalog,
            ScanSettings settings, RunQueue queue, UploadKeyStore uploadKeys, ScanMetrics metrics, AuditAccess auditAccess,
            RunCompletions completions) {
        this.auditAccess = auditAccess;
        this.completions = completions;
        this.specValidation = specValidation;
        this.events = events;
        this.clock = clock;
        this.catalog = catalog;
        this.settings = settings;
        this.queue = queue;
        this.uploadKeys = uploadKeys;
        this.metrics = metrics;
        this.policy = ScanPolicies.of(settings);
        metrics.unpinnedImages(ScanPolicies.unpinnedImages(settings));
        this.podDefaults = new ScanPodDefaults(settings.scannerImage(), settings.apiUrl(), settings.runAsUser(),
                settings.auditServiceAccount(), catalog.scannerResources(), AuditScope.of(settings));
    }

    @Override
    public List<EventSource<?, ScanJob>> prepareEventSources(EventSourceContext<ScanJob> context) {
        context.getPrimaryCache().addIndexers(Map.of(
                CREDENTIAL_INDEX, sj -> sj.getSpec() == null || sj.getSpec().getCredentialRef() == null ? List.of()
                        : List.of(sj.getMetadata().getNamespace() + "/" + sj.getSpec().getCredentialRef().getName()),
                SEGMENT_INDEX, sj -> sj.getSpec() == null || sj.getSpec().getSegmentRef() == null ? List.of()
                        : List.of(sj.getSpec().getSegmentRef().getName())));

        var owners = Mappers.<Job>fromOwnerReferences(ScanJob.class);
        jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, ScanJob.class)
                .withLabelSelector(MANAGED_SELECTOR)
                // A Job that ends frees a slot: wake its owner and the ScanJobs next in the queue.
                .withSecondaryToPrimaryMapper(job -> {
                    Set<ResourceID> targets = new HashSet<>(owners.toPrimaryResourceIDs(job));
                    if (JobState.finished(job)) {
                        targets.addAll(queue.next(Math.max(1, settings.maxRunning())));
                    }
                    return targets;
                })
                .build(), context);

        // Scan pods say what their Job does not: an image that cannot be pulled.
        pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, ScanJob.class)
                .withLabelSelector(MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(pod -> pod.getMetadata().getLabels().containsKey(Labels.SCANJOB)
                        ? Set.of(new ResourceID(pod.getMetadata().getLabels().get(Labels.SCANJOB), pod.getMetadata().getNamespace()))
                        : Set.of())
                .build(), context);

        var credentials = new InformerEventSource<>(InformerEventSourceConfiguration.from(CloudCredential.class, ScanJob.class)
                .withSecondaryToPrimaryMapper(cred -> ids(context.getPrimaryCache().byIndex(CREDENTIAL_INDEX,
                        cred.getMetadata().getNamespace() + "/" + cred.getMetadata().getName())))
                .withPrimaryToSecondaryMapper((ScanJob sj) -> sj.getSpec() == null || sj.getSpec().getCredentialRef() == null
                        ? Set.of()
                        : Set.of(new ResourceID(sj.getSpec().getCredentialRef().getName(), sj.getMetadata().getNamespace())))
                .build(), context);

        var segments = new InformerEventSource<>(InformerEventSourceConfiguration.from(NetworkSegment.class, ScanJob.class)
                .withSecondaryToPrimaryMapper(seg -> ids(context.getPrimaryCache().byIndex(SEGMENT_INDEX, seg.getMetadata().getName())))
                .withPrimaryToSecondaryMapper((ScanJob sj) -> sj.getSpec() == null || sj.getSpec().getSegmentRef() == null
                        ? Set.of()
                        : Set.of(new ResourceID(sj.getSpec().getSegmentRef().getName())))
                .build(), context);
        metrics.watch(() -> jobs.list(JobState::active).mapToInt(j -> 1).sum(), queue::waitingCount);
        return List.of(jobs, pods, credentials, segments);
    }

    /** The images a run of this ScanJob would start that are not pinned by digest. */
    private List<String> unpinned(ScanJob scanJob, ToolSpec tool) {
        List<String> images = new java.util.ArrayList<>();
        String toolImage = scanJob.getSpec().getImage() != null ? scanJob.getSpec().getImage() : tool.image().orElse(null);
        if (toolImage != null && !ScanPolicyCheck.pinned(toolImage)) {
            images.add(toolImage);
        }
        if (!ScanPolicyCheck.pinned(settings.scannerImage())) {
            images.add(settings.scannerImage());
        }
        return images;
    }

    private List<Pod> podsOf(List<Job> active) {
        Set<String> names = new HashSet<>();
        active.forEach(j -> names.add(j.getMetadata().getName()));
        String namespace = active.get(0).getMetadata().getNamespace();
        return pods.list(namespace, p -> names.contains(p.getMetadata().getLabels().get("job-name"))).toList();
    }

    private static Set<ResourceID> ids(List<ScanJob> scanJobs) {
        Set<ResourceID> ids = new HashSet<>();
        scanJobs.forEach(sj -> ids.add(ResourceID.fromResource(sj)));
        return ids;
    }

    @Override
    public UpdateControl<ScanJob> reconcile(ScanJob scanJob, Context<ScanJob> context) {
        ScanJobStatus status = StatusChange.copy(scanJob.getStatus(), ScanJobStatus.class);
        ResourceID id = ResourceID.fromResource(scanJob);
        Long generation = scanJob.getMetadata().getGeneration();
        Instant now = clock.instant();
        status.setObservedGeneration(generation);

        if (specValidation.rejects(scanJob, status.getConditions(), READY, ScanJobValidator.validate(scanJob.getSpec()))) {
            status.setPhase(ScanPhase.FAILED);
            queue.forget(id);
            return finish(scanJob, status, Optional.empty());
        }

        List<Job> owned = context.getSecondaryResourcesAsStream(Job.class).toList();
        completions.record(scanJob, status, owned, context.getClient(), now);
        List<Job> active = owned.stream().filter(JobState::active).filter(j -> !RunCompletions.ended(status, j)).toList();
        if (!active.isEmpty()) {
            queue.settled(id);
            Optional<RunEnding> pullFailure = ImagePullFailure.of(podsOf(active));
            if (pullFailure.isPresent()) {
                completions.stop(scanJob, status, now, pullFailure.get());
                active = List.of();
            }
        }

        var outcome = RunPreconditions.evaluate(scanJob,
                context.getSecondaryResource(CloudCredential.class),
                context.getSecondaryResource(NetworkSegment.class),
                catalog.resolve(scanJob.getSpec().getTool(), scanJob.getSpec().getProvider(), scanJob.getSpec().getProfile()),
                catalog.providers(scanJob.getSpec().getTool()),
                settings.allowPrivilegedTools(), policy);
        boolean credentialChanged = Conditions.set(status.getConditions(), CREDENTIAL_RESOLVED, outcome.credential().status(),
                outcome.credential().reason(), outcome.credential().message(), generation, now);
        if (outcome.tool() != null) {
            List<String> byTag = unpinned(scanJob, outcome.tool());
            Conditions.set(status.getConditions(), IMAGE_PINNED, byTag.isEmpty(), byTag.isEmpty() ? "PinnedByDigest" : "TagOnly",
                    byTag.isEmpty() ? "every image of this scan is pinned by digest"
                            : "runs by tag only, which its registry can move to other content: " + String.join(", ", byTag)
                                    + "; the cluster admin pins them as repository:tag@sha256:<digest> (nubicustos.scan.tools.*.image, scanner-image)",
                    generation, now);
        }
        Conditions.set(status.getConditions(), RUNNING, !active.isEmpty(), active.isEmpty() ? "Idle" : "JobActive",
                active.isEmpty() ? "no run is active" : "Job " + active.get(0).getMetadata().getName() + " is running", generation, now);

        RunPlanner.Plan plan = RunPlanner.plan(scanJob, status.getLastRun(), now);
        status.setNextRunAt(plan.nextRunAt().map(Instant::toString).orElse(null));

        if (Boolean.TRUE.equals(scanJob.getSpec().getSuspend())) {
            queue.forget(id);
            status.setQueuedAt(null);
            if (!active.isEmpty()) {
                completions.stop(scanJob, status, now, RunEnding.cancelled());
                Conditions.set(status.getConditions(), RUNNING, false, "Cancelled", "the active run was cancelled", generation, now);
            }
            status.setPhase(ScanPhase.SUSPENDED);
            Conditions.set(status.getConditions(), READY, true, "Suspended", "spec.suspend is true: no new runs start",
                    generation, now);
            return finish(scanJob, status, Optional.empty());
        }
        if (outcome.blocker().isPresent()) {
            queue.forget(id);
            status.setQueuedAt(null);
            var blocker = outcome.blocker().get();
            status.setPhase(active.isEmpty() ? ScanPhase.PENDING : ScanPhase.RUNNING);
            if (Conditions.set(status.getConditions(), READY, false, blocker.reason(), blocker.message(), generation, now)
                    || credentialChanged) {
                events.publish(scanJob, KubernetesEvents.WARNING, blocker.reason(), blocker.message());
            }
            return finish(scanJob, status, Optional.empty());
        }

        Optional<ScanRun> due = plan.due().filter(run -> owned.stream().noneMatch(j -> j.getMetadata().getName().equals(run.jobName())));
        plan.due().flatMap(run -> owned.stream().filter(j -> j.getMetadata().getName().equals(run.jobName())).findFirst())
                .ifPresent(existing -> adopt(status, plan.due().get(), existing));
        if (due.isPresent() && !active.isEmpty()) {
            if (scanJob.getSpec().getConcurrencyPolicy() == ConcurrencyPolicy.REPLACE) {
                active.forEach(j -> context.getClient().resource(j).withTimeout(5, java.util.concurrent.TimeUnit.SECONDS).delete());
                events.publish(scanJob, KubernetesEvents.NORMAL, "RunReplaced", "Job " + active.get(0).getMetadata().getName()
                        + " stopped: a new run is due and concurrencyPolicy is Replace");
            } else {
                status.setPhase(ScanPhase.RUNNING);
                Conditions.set(status.getConditions(), READY, true, "RunActive",
                        "a run is active; the due run waits for it (concurrencyPolicy Forbid)", generation, now);
                return finish(scanJob, status, plan.nextRunAt());
            }
        }
        if (due.isPresent()) {
            return startOrQueue(scanJob, status, due.get(), outcome, context, now, plan.nextRunAt());
        }

        status.setQueuedAt(null);
        queue.forget(id);
        status.setPhase(!active.isEmpty() ? ScanPhase.RUNNING : idlePhase(status));
        Conditions.set(status.getConditions(), READY, true, !active.isEmpty() ? "RunActive" : "UpToDate",
                !active.isEmpty() ? "a run is active" : scanJob.getSpec().getSchedule() != null
                        ? "waiting for the next scheduled run" : "the run of this spec generation has been started",
                generation, now);
        return finish(scanJob, status, plan.nextRunAt());
    }

    private UpdateControl<ScanJob> startOrQueue(ScanJob scanJob, ScanJobStatus status, ScanRun run,
            RunPreconditions.Outcome outcome, Context<ScanJob> context, Instant now, Optional<Instant> next) {
        ResourceID id = ResourceID.fromResource(scanJob);
        Long generation = scanJob.getMetadata().getGeneration();
        Instant requestedAt = status.getQueuedAt() != null ? Instant.parse(status.getQueuedAt()) : now;
        int activeJobs = jobs.list(JobState::active).mapToInt(j -> 1).sum();
        String credential = scanJob.getSpec().getCredentialRef() == null ? null : scanJob.getSpec().getCredentialRef().getName();
        RunQueue.Admission admission = queue.request(id, scanJob.getMetadata().getNamespace(), credential, requestedAt,
                activeJobs, settings.maxRunning());
        if (!admission.granted()) {
            boolean newlyQueued = status.getPhase() != ScanPhase.QUEUED;
            status.setPhase(ScanPhase.QUEUED);
            status.setQueuedAt(requestedAt.truncatedTo(ChronoUnit.SECONDS).toString());
            String message = "the cluster-wide limit of " + settings.maxRunning() + " running scans is reached; position "
                    + admission.position() + " of " + admission.waiting() + " waiting";
            Conditions.set(status.getConditions(), READY, true, "Queued", message, generation, now);
            if (newlyQueued) {
                events.publish(scanJob, KubernetesEvents.NORMAL, "Queued", message);
            }
            // A finished Job wakes the queue's head; this is the safety net.
            return finish(scanJob, status, Optional.of(now.plusSeconds(30)));
        }
        try {
            if (outcome.tool().needsKubernetesApi() && outcome.mount().serviceAccountName().isEmpty()) {
                auditAccess.ensure(context.getClient(), scanJob.getMetadata().getNamespace());
            }
            Job job = ScanJobFactory.desired(scanJob, run, outcome.tool(), outcome.mount(), podDefaults, createToken(scanJob, run, outcome, context, now));
            try {
                context.getClient().resource(job).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // Created by an earlier attempt (a restart between create and status patch): adopt it.
                LOG.debugf("Job %s already exists; adopting it", job.getMetadata().getName());
            }
        } catch (RuntimeException e) {
            queue.settled(id);
            throw e;
        }
        status.setLastRun(summary(run, run.jobName(), now.truncatedTo(ChronoUnit.SECONDS).toString()));
        status.setQueuedAt(null);
        status.setPhase(ScanPhase.RUNNING);
        Conditions.set(status.getConditions(), RUNNING, true, "JobActive", "Job " + run.jobName() + " is running", generation, now);
        Conditions.set(status.getConditions(), READY, true, "RunActive", "run " + run.id() + " started", generation, now);
        events.publish(scanJob, KubernetesEvents.NORMAL, "RunStarted", "run " + run.id() + " started as Job " + run.jobName());
        // Credential access is audited where the credential's owner looks: which run uses it, never what it holds.
        context.getSecondaryResource(CloudCredential.class).filter(c -> outcome.mount().secretName().isPresent()
                || outcome.mount().serviceAccountName().isPresent()).ifPresent(c -> events.publish(c, KubernetesEvents.NORMAL, "CredentialUsed",
                        "ScanJob " + scanJob.getMetadata().getName() + " run " + run.id() + " (Job " + run.jobName() + ") uses this credential"
                                + outcome.mount().secretName().map(secret -> ": Secret " + secret + ", keys "
                                        + String.join(", ", outcome.mount().items().stream().map(i -> i.getKey()).toList())).orElse("")
                                + outcome.mount().serviceAccountName().map(sa -> ": ServiceAccount " + sa).orElse("")));
        LOG.infof("ScanJob %s/%s: run %s started as Job %s", scanJob.getMetadata().getNamespace(), scanJob.getMetadata().getName(),
                run.id(), run.jobName());
        metrics.started(scanJob.getSpec().getTool().wireName());
        return finish(scanJob, status, next);
    }

    /** The per-run upload token, as a Secret owned by the ScanJob and mounted into the scanner container only. */
    private String createToken(ScanJob scanJob, ScanRun run, RunPreconditions.Outcome outcome, Context<ScanJob> context, Instant now) {
        String name = run.jobName() + "-upload";
        Duration timeout = outcome.tool().deadline(scanJob.getSpec());
        String token = new UploadToken(run.uploadId(), scanJob.getMetadata().getNamespace(), scanJob.getMetadata().getName(),
                scanJob.getMetadata().getUid(), now.plus(timeout).plus(settings.uploadTokenGrace()),
                podDefaults.auditScope().clusterWide(scanJob.getMetadata().getNamespace()), scanJob.getSpec().getTool().wireName(),
                scanJob.getSpec().getProvider().name().toLowerCase(java.util.Locale.ROOT)).sign(uploadKeys.key());
        var secret = new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(scanJob.getMetadata().getNamespace())
                .addToLabels(Labels.MANAGED_BY, Labels.OPERATOR)
                .addToLabels(Labels.SCANJOB, scanJob.getMetadata().getName())
                .addToLabels(Labels.RUN, run.id())
                .withOwnerReferences(ControllerReferences.to(scanJob, false))
                .endMetadata()
                .withType("Opaque")
                .withData(Map.of("token", Base64.getEncoder().encodeToString(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII))))
                .build();
        try {
            context.getClient().resource(secret).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
        return name;
    }

    /** A Job for the due run exists already (created before a restart): make the status say so. */
    private static void adopt(ScanJobStatus status, ScanRun run, Job existing) {
        if (status.getLastRun() == null || !run.id().equals(status.getLastRun().getId())) {
            status.setLastRun(summary(run, existing.getMetadata().getName(), existing.getMetadata().getCreationTimestamp()));
        }
    }

    private static RunSummary summary(ScanRun run, String job, String startedAt) {
        RunSummary summary = new RunSummary();
        summary.setId(run.id());
        summary.setJob(job);
        summary.setScheduledAt(run.scheduledAt() == null ? null : run.scheduledAt().toString());
        summary.setStartedAt(startedAt);
        return summary;
    }

    private static ScanPhase idlePhase(ScanJobStatus status) {
        RunSummary last = status.getLastRun();
        if (last == null || last.getOutcome() == null) {
            return ScanPhase.PENDING;
        }
        return switch (last.getOutcome()) {
            case SUCCEEDED -> ScanPhase.SUCCEEDED;
            // Stopped on purpose: the ScanJob is as before its run started.
            case RunCompletions.CANCELLED -> ScanPhase.PENDING;
            default -> ScanPhase.FAILED;
        };
    }

    private UpdateControl<ScanJob> finish(ScanJob scanJob, ScanJobStatus status, Optional<Instant> wakeAt) {
        UpdateControl<ScanJob> control = StatusPatch.ifChanged(scanJob, status);
        if (justCompleted(scanJob, status)) {
            // Back shortly, once the completion is written, to prune the run's Job if historyLimit says so.
            Instant soon = clock.instant().plusSeconds(1);
            wakeAt = Optional.of(wakeAt.filter(w -> w.isBefore(soon)).orElse(soon));
        }
        if (wakeAt.isPresent()) {
            Duration wait = Duration.between(clock.instant(), wakeAt.get());
            Duration cap = settings.scheduleCheckInterval();
            control.rescheduleAfter(wait.isNegative() ? Duration.ofSeconds(1) : wait.compareTo(cap) > 0 ? cap : wait.plusMillis(50));
        }
        return control;
    }

    private boolean readsApi(ScanJob scanJob) {
        var spec = scanJob.getSpec();
        return spec != null && spec.getTool() != null && spec.getProvider() != null
                && catalog.resolve(spec.getTool(), spec.getProvider(), spec.getProfile()).map(ToolSpec::needsKubernetesApi).orElse(false);
    }

    private static boolean justCompleted(ScanJob scanJob, ScanJobStatus status) {
        RunSummary now = status.getLastRun();
        RunSummary before = scanJob.getStatus() == null ? null : scanJob.getStatus().getLastRun();
        return now != null && now.getOutcome() != null
                && (before == null || before.getOutcome() == null || !java.util.Objects.equals(before.getId(), now.getId()));
    }

    @Override
    public DeleteControl cleanup(ScanJob scanJob, Context<ScanJob> context) {
        queue.forget(ResourceID.fromResource(scanJob));
        KubernetesClient client = context.getClient();
        String namespace = scanJob.getMetadata().getNamespace();
        String selector = Labels.SCANJOB;
        String name = scanJob.getMetadata().getName();
        // Owner references would do this on a real cluster; deleting explicitly also stops running pods at once.
        // The label finds candidates; only what this ScanJob owns is deleted, whatever else carries the label.
        client.batch().v1().jobs().inNamespace(namespace).withLabel(selector, name).list().getItems().stream()
                .filter(job -> job.hasOwnerReferenceFor(scanJob))
                .forEach(job -> client.resource(job).withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete());
        client.secrets().inNamespace(namespace).withLabel(selector, name).list().getItems().stream()
                .filter(secret -> secret.hasOwnerReferenceFor(scanJob))
                .forEach(secret -> client.resource(secret).delete());
        // The namespace's last ScanJob that reads the API takes the audit identity with it.
        if (readsApi(scanJob) && context.getPrimaryCache().list(other -> namespace.equals(other.getMetadata().getNamespace())
                && !java.util.Objects.equals(other.getMetadata().getUid(), scanJob.getMetadata().getUid()) && readsApi(other)).findAny().isEmpty()) {
            auditAccess.release(client, namespace);
        }
        return DeleteControl.defaultDelete();
    }
}
