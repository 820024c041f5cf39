package io.nubicustos.operator.networksegment;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;

/** The segment's NetworkPolicies in every namespace it selects: {@link NetworkPolicyRenderer}'s output. */
@KubernetesDependent(useSSA = BooleanWithUndefined.FALSE, informer = @Informer(labelSelector = SegmentOwned.MANAGED_SELECTOR))
public class SegmentPolicies extends SegmentOwned<NetworkPolicy> {

    public SegmentPolicies() {
        super(NetworkPolicy.class);
    }

    @Override
    protected List<NetworkPolicy> render(NetworkSegment segment, SegmentView view) {
        List<NetworkPolicy> policies = new ArrayList<>();
        for (String namespace : view.namespaces()) {
            policies.addAll(NetworkPolicyRenderer.render(segment, view.segments(), namespace, view.env()));
        }
        return policies;
    }

    @Override
    protected Object spec(NetworkPolicy policy) {
        return policy.getSpec();
    }

    @Override
    protected void changed(Context<NetworkSegment> context) {
        SegmentView.of(context).ifPresent(SegmentView::policyChanged);
    }
}
