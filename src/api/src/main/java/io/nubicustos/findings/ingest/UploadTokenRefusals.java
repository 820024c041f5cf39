package io.nubicustos.findings.ingest;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code nubicustos_ingest_token_refusals_total{reason}}: upload tokens the ingest routes refused,
 * by reason only (never the token, the run or the address), for the chart's alert.
 */
@ApplicationScoped
public class UploadTokenRefusals {

    public enum Reason {
        /** No {@code Authorization: Bearer} token. */
        MISSING,
        /** Longer than any token the operator signs. */
        MALFORMED,
        /** Not signed with the upload key, or expired. */
        INVALID,
        /** A valid token of another run. */
        OTHER_RUN,
        /** The API has no upload key, so it refuses every token. */
        NO_KEY;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

    public UploadTokenRefusals(MeterRegistry registry) {
        for (Reason reason : Reason.values()) {
            counters.put(reason, Counter.builder("nubicustos.ingest.token.refusals")
                    .description("Upload tokens refused by the ingest routes, by reason").tag("reason", reason.tag()).register(registry));
        }
    }

    public void count(Reason reason) {
        counters.get(reason).increment();
    }
}
