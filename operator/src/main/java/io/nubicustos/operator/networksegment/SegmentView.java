package io.nubicustos.operator.networksegment;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;

/**
 * What one reconcile of a segment renders from: every segment (allowFrom crosses segments), the
 * namespaces it selects and the cluster's shared services. The reconciler puts it in the context
 * before it runs the workflow; the dependents render from it and note what they rendered and how
 * many objects they created, restored or removed, which the reconciler reports in status.
 */
public final class SegmentView {

    private final Collection<NetworkSegment> segments;
    private final List<String> namespaces;
    private final SegmentEnvironment env;
    private final Map<Class<?>, Set<ResourceID>> rendered = new ConcurrentHashMap<>();
    private final AtomicInteger policyChanges = new AtomicInteger();

    public SegmentView(Collection<NetworkSegment> segments, List<String> namespaces, SegmentEnvironment env) {
        this.segments = segments;
        this.namespaces = namespaces;
        this.env = env;
    }

    static Optional<SegmentView> of(Context<NetworkSegment> context) {
        return context.managedWorkflowAndDependentResourceContext().get(SegmentView.class, SegmentView.class);
    }

    void putInto(Context<NetworkSegment> context) {
        context.managedWorkflowAndDependentResourceContext().put(SegmentView.class, this);
    }

    public Collection<NetworkSegment> segments() {
        return segments;
    }

    /** The namespaces the segment's selector matches, sorted. */
    public List<String> namespaces() {
        return namespaces;
    }

    public SegmentEnvironment env() {
        return env;
    }

    void rendered(Class<?> type, Set<ResourceID> ids) {
        rendered.put(type, ids);
    }

    /** What the dependent of {@code type} rendered this reconcile; empty when it did not run. */
    public Set<ResourceID> rendered(Class<?> type) {
        return rendered.getOrDefault(type, Set.of());
    }

    void policyChanged() {
        policyChanges.incrementAndGet();
    }

    /** NetworkPolicies created, restored or removed this reconcile. */
    public int policyChanges() {
        return policyChanges.get();
    }
}
