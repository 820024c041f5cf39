package io.nubicustos.operator.ownership;

import java.util.Objects;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/**
 * The controlling owner reference of what the operator creates: the object's owner is the resource
 * it was made for, as its controller. {@code blockOwnerDeletion} says whether a foreground deletion
 * of the owner waits for the object.
 */
public final class ControllerReferences {

    private ControllerReferences() {
    }

    /** A new controlling reference to {@code owner}, for objects built by hand. */
    public static OwnerReference to(HasMetadata owner, boolean blockOwnerDeletion) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(blockOwnerDeletion ? Boolean.TRUE : null).build();
    }

    /** Marks the reference to {@code owner} that JOSDK added to {@code owned} as the controlling one. */
    public static void mark(HasMetadata owned, HasMetadata owner, boolean blockOwnerDeletion) {
        owned.getMetadata().getOwnerReferences().stream()
                .filter(ref -> Objects.equals(ref.getUid(), owner.getMetadata().getUid()))
                .forEach(ref -> {
                    ref.setController(true);
                    if (blockOwnerDeletion) {
                        ref.setBlockOwnerDeletion(true);
                    }
                });
    }
}
