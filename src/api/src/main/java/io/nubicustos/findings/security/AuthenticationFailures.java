package io.nubicustos.findings.security;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code nubicustos_api_authentication_failures_total{reason}}: failed API-key authentications by
 * reason only, never by key or address, for the chart's alert. Every reason's series exists from
 * the start, so a rise shows from zero.
 */
@ApplicationScoped
public class AuthenticationFailures {

    public enum Reason {
        /** A route that needs a key, asked without one. */
        MISSING,
        /** Not a key of any shape this API issues or accepts. */
        MALFORMED,
        /** Well-formed, but no key has that id (or no configured key that value). */
        UNKNOWN,
        /** A revoked key. */
        REVOKED,
        /** A stored key's id with the wrong secret. */
        WRONG,
        /** Refused unread by the failed-authentication lockout. */
        LOCKED_OUT;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

    public AuthenticationFailures(MeterRegistry registry) {
        for (Reason reason : Reason.values()) {
            counters.put(reason, Counter.builder("nubicustos.api.authentication.failures")
                    .description("Failed API-key authentications, by reason").tag("reason", reason.tag()).register(registry));
        }
    }

    public void count(Reason reason) {
        counters.get(reason).increment();
    }
}
