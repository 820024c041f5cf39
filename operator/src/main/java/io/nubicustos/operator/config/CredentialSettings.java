package io.nubicustos.operator.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How often credentials are checked again without an event. */
@ConfigMapping(prefix = "nubicustos.credentials")
public interface CredentialSettings {

    /** Recheck of every credential (age, rotation) even when nothing changed. */
    @WithDefault("6h")
    Duration revalidateInterval();

    /**
     * Recheck of a credential whose Secret does not exist yet: an unlabelled new Secret raises
     * no event the operator watches, so it looks again after this long.
     */
    @WithDefault("30s")
    Duration missingSecretRecheck();
}
