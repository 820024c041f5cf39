package io.nubicustos.operator.networksegment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentStatus;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentValidator;
import io.nubicustos.api.v1alpha1.networksegment.ServiceReference;
import io.nubicustos.model.kubernetes.LabelSelectors;
import io.nubicustos.operator.config.SegmentSettings;
import io.nubicustos.operator.status.Conditions;
import io.nubicustos.operator.status.KubernetesEvents;
import io.nubicustos.operator.status.SpecValidation;
import io.nubicustos.operator.status.StatusChange;
import io.nubicustos.operator.status.StatusPatch;

/**
 * Renders each NetworkSegment into NetworkPolicies in every namespace it selects, and cert-manager
 * Certificates for its services; restores what is edited or deleted by hand, follows namespaces
 * as they are labelled in and out, and removes everything when the segment goes. An invalid or
 * conflicting segment renders nothing new and keeps what it had.
 */
@ControllerConfiguration(name = "networksegment")
public class NetworkSegmentReconciler implements Reconciler<NetworkSegment>, Cleaner<NetworkSegment> {

    public static final String READY = "Ready";
    public static final String POLICIES_APPLIED = "PoliciesApplied";
    public static final String CERTIFICATES_READY = "CertificatesReady";
    public static final String CERT_MANAGER_MISSING = "CertManagerMissing";
    static final String MANAGED_SELECTOR = "app.kubernetes.io/managed-by=" + NetworkPolicyRenderer.MANAGED_BY + ","
            + NetworkPolicyRenderer.LABEL_SEGMENT;

    private final SpecValidation specValidation;
    private final KubernetesEvents events;
    private final Clock clock;
    private final SegmentSettings settings;
    private final SegmentEnvironment env;
    private final CertManagerPresence certManager;
    private volatile InformerEventSource<Namespace, NetworkSegment> namespaces;
    private volatile InformerEventSource<NetworkPolicy, NetworkSegment> policies;
    private volatile InformerEventSource<NetworkSegment, NetworkSegment> segments;

    public NetworkSegmentReconciler(SpecValidation specValidation, KubernetesEvents events, Clock clock, SegmentSettings settings,
            CertManagerPresence certManager) {
        this.specValidation = specValidation;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.env = SegmentEnvironment.of(settings);
        this.certManager = certManager;
    }

    @Override
    public List<EventSource<?, NetworkSegment>> prepareEventSources(EventSourceContext<NetworkSegment> context) {
        namespaces = new InformerEventSource<>(InformerEventSourceConfiguration.from(Namespace.class, NetworkSegment.class)
                .withSecondaryToPrimaryMapper(ns -> allSegments(context))
                .build(), context);
        policies = new InformerEventSource<>(InformerEventSourceConfiguration.from(NetworkPolicy.class, NetworkSegment.class)
                .withLabelSelector(MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(p -> Set.of(new ResourceID(p.getMetadata().getLabels().get(NetworkPolicyRenderer.LABEL_SEGMENT))))
                .build(), context);
        // Another segment's allowFrom changes this one's egress: every segment change re-renders all.
        segments = new InformerEventSource<>(InformerEventSourceConfiguration.from(NetworkSegment.class, NetworkSegment.class)
                .withName("peer-segments")
                .withSecondaryToPrimaryMapper(s -> allSegments(context))
                .build(), context);
        return List.of(namespaces, policies, segments);
    }

    private static Set<ResourceID> allSegments(EventSourceContext<NetworkSegment> context) {
        Set<ResourceID> ids = new HashSet<>();
        context.getPrimaryCache().list().forEach(s -> ids.add(ResourceID.fromResource(s)));
        return ids;
    }

    @Override
    public UpdateControl<NetworkSegment> reconcile(NetworkSegment segment, Context<NetworkSegment> context) {
        NetworkSegmentStatus status = StatusChange.copy(segment.getStatus(), NetworkSegmentStatus.class);
        Long generation = segment.getMetadata().getGeneration();
        Instant now = clock.instant();
        status.setObservedGeneration(generation);
        Collection<NetworkSegment> all = segments.list().toList();

        List<String> problems = new ArrayList<>(NetworkSegmentValidator.validate(segment));
        if (problems.isEmpty()) {
            problems.addAll(SegmentConflicts.of(segment, all));
        }
        if (specValidation.rejects(segment, status.getConditions(), READY, problems)) {
            Conditions.set(status.getConditions(), POLICIES_APPLIED, false, SpecValidation.INVALID_SPEC,
                    "nothing was rendered: the spec is invalid", generation, now);
            return StatusPatch.ifChanged(segment, status);
        }

        List<String> matched = namespaces.list()
                .filter(ns -> LabelSelectors.matches(segment.getSpec().getNamespaceSelector(), ns.getMetadata().getLabels()))
                .map(ns -> ns.getMetadata().getName()).sorted().toList();
        List<NetworkPolicy> desired = new ArrayList<>();
        for (String ns : matched) {
            desired.addAll(NetworkPolicyRenderer.render(segment, all, ns, env));
        }
        int changed = applyPolicies(context.getClient(), segment, desired);
        status.setNamespaces(matched);
        status.setNamespaceCount(matched.size());
        status.setPolicies(desired.size());
        Conditions.set(status.getConditions(), POLICIES_APPLIED, true, "Applied",
                desired.size() + " NetworkPolicies in " + matched.size() + " namespaces", generation, now);
        if (changed > 0 && segment.getStatus() != null && segment.getStatus().getPolicies() != null) {
            events.publish(segment, KubernetesEvents.NORMAL, "PoliciesApplied", changed + " NetworkPolicies created, restored or removed");
        }

        boolean certificatesOk = certificates(segment, status, matched, context.getClient(), generation, now);
        boolean ready = certificatesOk;
        Conditions.set(status.getConditions(), READY, ready, ready ? "Rendered" : "CertificatesNotReady",
                ready ? "policies applied" + (segment.getSpec().getTls() == null ? "" : " and certificates ready")
                        : "policies applied; certificates are not ready", generation, now);
        UpdateControl<NetworkSegment> control = StatusPatch.ifChanged(segment, status);
        if (segment.getSpec().getTls() != null) {
            control.rescheduleAfter(settings.driftCheckInterval());
        }
        return control;
    }

    /** Creates, restores and removes this segment's NetworkPolicies; returns how many it touched. */
    private int applyPolicies(KubernetesClient client, NetworkSegment segment, List<NetworkPolicy> desired) {
        Map<String, NetworkPolicy> existing = new HashMap<>();
        policies.list(p -> segment.getMetadata().getName().equals(p.getMetadata().getLabels().get(NetworkPolicyRenderer.LABEL_SEGMENT)))
                .forEach(p -> existing.put(key(p), p));
        int changed = 0;
        for (NetworkPolicy want : desired) {
            NetworkPolicy have = existing.remove(key(want));
            if (have == null) {
                client.resource(want).createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
                changed++;
            } else if (!Objects.equals(have.getSpec(), want.getSpec()) || !have.getMetadata().getLabels().equals(want.getMetadata().getLabels())) {
                want.getMetadata().setResourceVersion(have.getMetadata().getResourceVersion());
                client.resource(want).update();
                changed++;
            }
        }
        for (NetworkPolicy stale : existing.values()) {
            client.resource(stale).delete();
            changed++;
        }
        return changed;
    }

    private boolean certificates(NetworkSegment segment, NetworkSegmentStatus status, List<String> matched, KubernetesClient client,
            Long generation, Instant now) {
        var tls = segment.getSpec().getTls();
        boolean installed = certManager.installed(client);
        boolean warnedBefore = Conditions.isTrue(status.getConditions(), CERT_MANAGER_MISSING);
        if (tls == null || tls.getServices().isEmpty()) {
            Conditions.set(status.getConditions(), CERT_MANAGER_MISSING, false, "NotNeeded", "no TLS services", generation, now);
            status.setCertificates(0);
            if (installed) {
                deleteCertificates(client, segment, Set.of());
            }
            return true;
        }
        if (!installed) {
            Conditions.set(status.getConditions(), CERT_MANAGER_MISSING, true, "CrdNotInstalled",
                    "cert-manager is not installed (no " + CertManagerPresence.CRD + "): no Certificates rendered; policies still apply",
                    generation, now);
            Conditions.set(status.getConditions(), CERTIFICATES_READY, false, "CertManagerMissing", "cert-manager is not installed",
                    generation, now);
            if (!warnedBefore) {
                events.publish(segment, KubernetesEvents.WARNING, "CertManagerMissing",
                        "spec.tls needs cert-manager, which is not installed; NetworkPolicies are applied regardless");
            }
            status.setCertificates(0);
            return false;
        }
        Conditions.set(status.getConditions(), CERT_MANAGER_MISSING, false, "Installed", "cert-manager is installed", generation, now);
        List<String> outside = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        int issued = 0;
        for (ServiceReference service : tls.getServices()) {
            if (!matched.contains(service.getNamespace())) {
                outside.add(service.getNamespace() + "/" + service.getName());
                continue;
            }
            Certificate want = CertificateRenderer.render(segment, service, env);
            wanted.add(key(want));
            var ref = client.resources(Certificate.class).inNamespace(service.getNamespace()).withName(want.getMetadata().getName());
            Certificate have = ref.get();
            if (have == null) {
                client.resource(want).create();
            } else if (!Objects.equals(have.getSpec(), want.getSpec())) {
                want.getMetadata().setResourceVersion(have.getMetadata().getResourceVersion());
                client.resource(want).update();
            } else if (have.getStatus() != null && have.getStatus().getConditions() != null && have.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))) {
                issued++;
            }
        }
        deleteCertificates(client, segment, wanted);
        status.setCertificates(wanted.size());
        boolean ready = outside.isEmpty() && issued == wanted.size();
        Conditions.set(status.getConditions(), CERTIFICATES_READY, ready,
                !outside.isEmpty() ? "ServiceOutsideSegment" : ready ? "Issued" : "Issuing",
                !outside.isEmpty() ? "services outside the segment's namespaces get no certificate: " + String.join(", ", outside)
                        : issued + " of " + wanted.size() + " certificates issued", generation, now);
        return ready;
    }

    private static void deleteCertificates(KubernetesClient client, NetworkSegment segment, Set<String> keep) {
        client.resources(Certificate.class).inAnyNamespace()
                .withLabel(NetworkPolicyRenderer.LABEL_SEGMENT, segment.getMetadata().getName()).list().getItems().stream()
                .filter(c -> !keep.contains(key(c)))
                .forEach(c -> client.resource(c).delete());
    }

    private static String key(HasMetadata object) {
        return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }

    @Override
    public DeleteControl cleanup(NetworkSegment segment, Context<NetworkSegment> context) {
        KubernetesClient client = context.getClient();
        // Owner references do this on a real cluster; doing it here keeps the mock server and
        // clusters without garbage collection of cluster-scoped owners equally clean.
        client.network().v1().networkPolicies().inAnyNamespace()
                .withLabel(NetworkPolicyRenderer.LABEL_SEGMENT, segment.getMetadata().getName()).delete();
        if (certManager.installed(client)) {
            deleteCertificates(client, segment, Set.of());
        }
        return DeleteControl.defaultDelete();
    }
}
