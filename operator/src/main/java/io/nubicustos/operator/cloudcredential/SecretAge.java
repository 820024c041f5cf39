package io.nubicustos.operator.cloudcredential;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.fabric8.kubernetes.api.model.Secret;
import io.nubicustos.model.kubernetes.Labels;

/** How old a credential is: since the annotation recording its last rotation, else since the Secret's creation. */
public final class SecretAge {


    private SecretAge() {
    }

    public static Instant since(Secret secret) {
        var annotations = secret.getMetadata().getAnnotations();
        if (annotations != null && annotations.get(Labels.ROTATED_AT) != null) {
            try {
                return Instant.parse(annotations.get(Labels.ROTATED_AT));
            } catch (DateTimeParseException e) {
                // A malformed annotation is ignored rather than trusted: fall back to creation.
            }
        }
        return secret.getMetadata().getCreationTimestamp() == null ? Instant.EPOCH
                : Instant.parse(secret.getMetadata().getCreationTimestamp());
    }

    public static long days(Secret secret, Instant now) {
        return Math.max(0, Duration.between(since(secret), now).toDays());
    }
}
