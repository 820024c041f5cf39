package io.nubicustos.operator.networksegment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentStatus;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentValidator;
import io.nubicustos.model.kubernetes.LabelSelectors;
import io.nubicustos.operator.config.SegmentSettings;
import io.nubicustos.operator.status.Conditions;
import io.nubicustos.operator.status.KubernetesEvents;
import io.nubicustos.operator.status.ReconcileFailure;
import io.nubicustos.operator.status.SpecValidation;
import io.nubicustos.operator.status.StatusChange;
import io.nubicustos.operator.status.StatusPatch;

/**
 * Renders each NetworkSegment into NetworkPolicies in every namespace it selects, and cert-manager
 * Certificates for its services, through a workflow of two bulk dependents ({@link SegmentPolicies},
 * {@link SegmentCertificates}, the latter active while cert-manager is installed); JOSDK restores what
 * is edited or deleted by hand, follows namespaces as they are labelled in and out, and removes
 * everything when the segment goes. This class keeps the status. An invalid or conflicting segment
 * does not run the workflow: it renders nothing new and keeps what it had.
 */
@Workflow(explicitInvocation = true, dependents = { @Dependent(name = "policies", type = SegmentPolicies.class),
        @Dependent(name = "certificates", type = SegmentCertificates.class, activationCondition = CertManagerInstalled.class) })
@ControllerConfiguration(name = "networksegment")
public class NetworkSegmentReconciler implements Reconciler<NetworkSegment>, Cleaner<NetworkSegment> {

    public static final String READY = "Ready";
    public static final String POLICIES_APPLIED = "PoliciesApplied";
    public static final String CERTIFICATES_READY = "CertificatesReady";
    public static final String CERT_MANAGER_MISSING = "CertManagerMissing";

    private final SpecValidation specValidation;
    private final KubernetesEvents events;
    private final Clock clock;
    private final SegmentSettings settings;
    private final SegmentEnvironment env;
    private volatile InformerEventSource<Namespace, NetworkSegment> namespaces;
    private volatile InformerEventSource<NetworkSegment, NetworkSegment> segments;

    public NetworkSegmentReconciler(SpecValidation specValidation, KubernetesEvents events, Clock clock, SegmentSettings settings) {
        this.specValidation = specValidation;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.env = SegmentEnvironment.of(settings);
    }

    @Override
    public List<EventSource<?, NetworkSegment>> prepareEventSources(EventSourceContext<NetworkSegment> context) {
        namespaces = new InformerEventSource<>(InformerEventSourceConfiguration.from(Namespace.class, NetworkSegment.class)
                .withSecondaryToPrimaryMapper(ns -> allSegments(context))
                .build(), context);
        // Another segment's allowFrom changes this one's egress: every segment change re-renders all.
        segments = new InformerEventSource<>(InformerEventSourceConfiguration.from(NetworkSegment.class, NetworkSegment.class)
                .withName("peer-segments")
                .withSecondaryToPrimaryMapper(s -> allSegments(context))
                .build(), context);
        return List.of(namespaces, segments);
    }

    private static Set<ResourceID> allSegments(EventSourceContext<NetworkSegment> context) {
        return context.getPrimaryCache().list().map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    @Override
    public UpdateControl<NetworkSegment> reconcile(NetworkSegment segment, Context<NetworkSegment> context) {
        NetworkSegmentStatus status = StatusChange.copy(segment.getStatus(), NetworkSegmentStatus.class);
        Stamp stamp = new Stamp(status, segment.getMetadata().getGeneration(), clock.instant());
        status.setObservedGeneration(stamp.generation());
        Collection<NetworkSegment> all = segments.list().toList();

        List<String> problems = new ArrayList<>(NetworkSegmentValidator.validate(segment));
        if (problems.isEmpty()) {
            problems.addAll(SegmentConflicts.of(segment, all));
        }
        if (specValidation.rejects(segment, status.getConditions(), READY, problems)) {
            stamp.set(POLICIES_APPLIED, false, SpecValidation.INVALID_SPEC, "nothing was rendered: the spec is invalid");
            return StatusPatch.ifChanged(segment, status);
        }

        List<String> matched = namespaces.list()
                .filter(ns -> LabelSelectors.matches(segment.getSpec().getNamespaceSelector(), ns.getMetadata().getLabels()))
                .map(ns -> ns.getMetadata().getName()).sorted().toList();
        SegmentView view = new SegmentView(all, matched, env);
        view.putInto(context);
        WorkflowReconcileResult result = context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        result.throwAggregateExceptionIfErrorsPresent();

        int policies = view.rendered(NetworkPolicy.class).size();
        status.setNamespaces(matched);
        status.setNamespaceCount(matched.size());
        status.setPolicies(policies);
        stamp.set(POLICIES_APPLIED, true, "Applied", policies + " NetworkPolicies in " + matched.size() + " namespaces");
        if (view.policyChanges() > 0 && segment.getStatus() != null && segment.getStatus().getPolicies() != null) {
            events.publish(segment, KubernetesEvents.NORMAL, "PoliciesApplied", view.policyChanges() + " NetworkPolicies created, restored or removed");
        }
        boolean ready = certificates(segment, stamp, view, result, context);
        stamp.set(READY, ready, ready ? "Rendered" : "CertificatesNotReady",
                ready ? "policies applied" + (segment.getSpec().getTls() == null ? "" : " and certificates ready")
                        : "policies applied; certificates are not ready");
        UpdateControl<NetworkSegment> control = StatusPatch.ifChanged(segment, status);
        if (segment.getSpec().getTls() != null) {
            // Looks again for cert-manager's CRD, which nothing announces.
            control.rescheduleAfter(settings.driftCheckInterval());
        }
        return control;
    }

    private boolean certificates(NetworkSegment segment, Stamp stamp, SegmentView view, WorkflowReconcileResult result,
            Context<NetworkSegment> context) {
        var tls = segment.getSpec().getTls();
        NetworkSegmentStatus status = stamp.status();
        boolean warnedBefore = Conditions.isTrue(status.getConditions(), CERT_MANAGER_MISSING);
        // Not reconciled: its activation condition found no cert-manager CRD.
        boolean installed = result.getReconciledDependents().stream().anyMatch(SegmentCertificates.class::isInstance);
        if (tls == null || tls.getServices().isEmpty()) {
            stamp.set(CERT_MANAGER_MISSING, false, "NotNeeded", "no TLS services");
            status.setCertificates(0);
            return true;
        }
        status.setCertificates(installed ? view.rendered(Certificate.class).size() : 0);
        if (!installed) {
            stamp.set(CERT_MANAGER_MISSING, true, "CrdNotInstalled",
                    "cert-manager is not installed (no " + CertManagerInstalled.CRD + "): no Certificates rendered; policies still apply");
            stamp.set(CERTIFICATES_READY, false, "CertManagerMissing", "cert-manager is not installed");
            if (!warnedBefore) {
                events.publish(segment, KubernetesEvents.WARNING, "CertManagerMissing",
                        "spec.tls needs cert-manager, which is not installed; NetworkPolicies are applied regardless");
            }
            return false;
        }
        stamp.set(CERT_MANAGER_MISSING, false, "Installed", "cert-manager is installed");
        List<String> outside = SegmentCertificates.outside(tls.getServices(), view.namespaces());
        int wanted = view.rendered(Certificate.class).size();
        long issued = SegmentCertificates.issued(context.getSecondaryResourcesAsStream(Certificate.class), view.rendered(Certificate.class));
        boolean ready = outside.isEmpty() && issued == wanted;
        stamp.set(CERTIFICATES_READY, ready, !outside.isEmpty() ? "ServiceOutsideSegment" : ready ? "Issued" : "Issuing",
                !outside.isEmpty() ? "services outside the segment's namespaces get no certificate: " + String.join(", ", outside)
                        : issued + " of " + wanted + " certificates issued");
        return ready;
    }

    /** A failed reconcile turns Ready False with what kind of failure it was, and JOSDK retries it. */
    @Override
    public ErrorStatusUpdateControl<NetworkSegment> updateErrorStatus(NetworkSegment segment, Context<NetworkSegment> context,
            Exception e) {
        NetworkSegmentStatus status = StatusChange.copy(segment.getStatus(), NetworkSegmentStatus.class);
        String message = ReconcileFailure.describe(e);
        if (new Stamp(status, segment.getMetadata().getGeneration(), clock.instant()).set(READY, false, ReconcileFailure.REASON, message)) {
            events.publish(segment, KubernetesEvents.WARNING, ReconcileFailure.REASON, message);
        }
        return StatusPatch.errorIfChanged(segment, status);
    }

    /**
     * The workflow deletes the segment's objects (Certificates while cert-manager is installed): owner
     * references do it on a real cluster, this keeps the mock server and clusters without garbage
     * collection of cluster-scoped owners equally clean.
     */
    @Override
    public DeleteControl cleanup(NetworkSegment segment, Context<NetworkSegment> context) {
        context.managedWorkflowAndDependentResourceContext().cleanupManageWorkflow().throwAggregateExceptionIfErrorsPresent();
        return DeleteControl.defaultDelete();
    }

    /** One reconcile's conditions: same generation, same instant. */
    private record Stamp(NetworkSegmentStatus status, Long generation, Instant now) {
        boolean set(String type, boolean value, String reason, String message) {
            return Conditions.set(status.getConditions(), type, value, reason, message, generation, now);
        }
    }
}
