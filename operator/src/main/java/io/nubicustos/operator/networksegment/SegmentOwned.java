package io.nubicustos.operator.networksegment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.model.kubernetes.Labels;
import io.nubicustos.operator.ownership.ControllerReferences;

/**
 * What a segment's objects have in common, as a JOSDK bulk dependent: the desired set is a
 * renderer's output keyed by namespace and name; JOSDK creates what is missing, updates what
 * drifted and deletes what is no longer desired (and everything on cleanup), and adds the owner
 * reference. The segment is cluster-scoped, so the reference is allowed in every namespace.
 *
 * <p>Not {@code GarbageCollected}: the cleanup deletes explicitly, which keeps clusters without
 * garbage collection of cluster-scoped owners (and the tests' mock server) clean, as before.
 * Subclasses set {@code useSSA = FALSE}: the chart grants update, not patch, and the tests' mock
 * server cannot do server-side apply, so what is tested is what is deployed.
 */
abstract class SegmentOwned<R extends HasMetadata> extends KubernetesDependentResource<R, NetworkSegment>
        implements CRUDKubernetesBulkDependentResource<R, NetworkSegment>, KubernetesBulkDependentResource<R, NetworkSegment>,
        SecondaryToPrimaryMapper<R> {

    static final String MANAGED_SELECTOR = Labels.MANAGED_BY + "=" + Labels.OPERATOR + ","
            + Labels.SEGMENT;

    SegmentOwned(Class<R> type) {
        super(type);
    }

    /** The spec, compared as a whole: an allowance added by hand is drift too. */
    protected abstract Object spec(R resource);

    /** The renderer's output for this segment, pure. */
    protected abstract List<R> render(NetworkSegment segment, SegmentView view);

    @Override
    public Map<ResourceID, R> desiredResources(NetworkSegment segment, Context<NetworkSegment> context) {
        SegmentView view = SegmentView.of(context).orElseThrow(() -> new IllegalStateException("the reconciler puts the view first"));
        Map<ResourceID, R> desired = byId(render(segment, view));
        view.rendered(resourceType(), Set.copyOf(desired.keySet()));
        return desired;
    }

    static <R extends HasMetadata> Map<ResourceID, R> byId(List<R> objects) {
        Map<ResourceID, R> byId = new LinkedHashMap<>();
        for (R object : objects) {
            if (object.getMetadata().getAnnotations() == null) {
                // JOSDK records the version it wrote in an annotation, so it ignores its own update events.
                object.getMetadata().setAnnotations(new LinkedHashMap<>());
            }
            byId.put(ResourceID.fromResource(object), object);
        }
        return byId;
    }

    /** The segment label says whose an object is, wherever it lives. */
    @Override
    public Set<ResourceID> toPrimaryResourceIDs(R object) {
        String segment = object.getMetadata().getLabels() == null ? null
                : object.getMetadata().getLabels().get(Labels.SEGMENT);
        return segment == null ? Set.of() : Set.of(new ResourceID(segment));
    }

    /** Equal specs and the rendered labels present: what the renderer says, compared as it reads back. */
    @Override
    public Matcher.Result<R> match(R actual, R desired, NetworkSegment segment, Context<NetworkSegment> context) {
        Map<String, String> labels = actual.getMetadata().getLabels() == null ? Map.of() : actual.getMetadata().getLabels();
        boolean same = Objects.equals(spec(actual), spec(desired))
                && labels.entrySet().containsAll(desired.getMetadata().getLabels().entrySet());
        return Matcher.Result.computed(same, desired);
    }

    @Override
    protected boolean addOwnerReference() {
        return true;
    }

    /** JOSDK's owner reference, marked as the controlling one that blocks the segment's deletion. */
    @Override
    protected void addReferenceHandlingMetadata(R desired, NetworkSegment segment) {
        super.addReferenceHandlingMetadata(desired, segment);
        ControllerReferences.mark(desired, segment, true);
    }

    /** Told of every object created, restored or removed for the segment. */
    protected void changed(Context<NetworkSegment> context) {
    }

    @Override
    protected void onCreated(NetworkSegment segment, R created, Context<NetworkSegment> context) {
        super.onCreated(segment, created, context);
        changed(context);
    }

    @Override
    protected void onUpdated(NetworkSegment segment, R updated, R actual, Context<NetworkSegment> context) {
        super.onUpdated(segment, updated, actual, context);
        changed(context);
    }

    @Override
    public void deleteTargetResource(NetworkSegment segment, R object, ResourceID id, Context<NetworkSegment> context) {
        super.deleteTargetResource(segment, object, id, context);
        changed(context);
    }
}
