package io.nubicustos.operator.status;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/**
 * Ends a reconcile: patches the status only when it changed, with an object that carries just the
 * name, namespace and status (what server-side apply of the status subresource expects).
 */
public final class StatusPatch {

    private StatusPatch() {
    }

    public static <S, R extends CustomResource<?, S>> UpdateControl<R> ifChanged(R resource, S next) {
        if (!StatusChange.changed(resource.getStatus(), next)) {
            return UpdateControl.noUpdate();
        }
        return UpdateControl.patchStatus(patch(resource, next));
    }

    /** As {@link #ifChanged}, for {@code updateErrorStatus}: JOSDK retries the reconcile either way. */
    public static <S, R extends CustomResource<?, S>> ErrorStatusUpdateControl<R> errorIfChanged(R resource, S next) {
        if (!StatusChange.changed(resource.getStatus(), next)) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        return ErrorStatusUpdateControl.patchStatus(patch(resource, next));
    }

    @SuppressWarnings("unchecked")
    private static <S, R extends CustomResource<?, S>> R patch(R resource, S next) {
        R patch;
        try {
            patch = (R) resource.getClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(resource.getClass().getName() + " needs a no-arg constructor", e);
        }
        patch.setMetadata(new ObjectMetaBuilder()
                .withName(resource.getMetadata().getName())
                .withNamespace(resource.getMetadata().getNamespace())
                .build());
        patch.setStatus(next);
        return patch;
    }
}
