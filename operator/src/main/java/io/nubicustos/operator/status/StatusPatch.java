package io.nubicustos.operator.status;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/**
 * Ends a reconcile: patches the status only when it changed, with an object that carries just the
 * name, namespace and status (what server-side apply of the status subresource expects).
 */
public final class StatusPatch {

    private StatusPatch() {
    }

    @SuppressWarnings("unchecked")
    public static <S, R extends CustomResource<?, S>> UpdateControl<R> ifChanged(R resource, S next) {
        if (!StatusChange.changed(resource.getStatus(), next)) {
            return UpdateControl.noUpdate();
        }
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
        return UpdateControl.patchStatus(patch);
    }
}
