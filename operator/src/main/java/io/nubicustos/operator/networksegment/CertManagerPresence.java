package io.nubicustos.operator.networksegment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nubicustos.operator.config.SegmentSettings;

/**
 * Whether cert-manager's Certificate CRD is installed: optional, so its absence is a warning, not
 * a failure. The answer is kept for the drift-check interval: every segment asks on every
 * reconcile, and a namespace change reconciles them all.
 */
@ApplicationScoped
public class CertManagerPresence {

    static final String CRD = "certificates.cert-manager.io";

    private final Clock clock;
    private final Duration ttl;
    private volatile Instant checkedAt = Instant.MIN;
    private volatile boolean installed;

    public CertManagerPresence(Clock clock, SegmentSettings settings) {
        this.clock = clock;
        this.ttl = settings.driftCheckInterval();
    }

    public boolean installed(KubernetesClient client) {
        Instant now = clock.instant();
        if (now.isBefore(checkedAt.plus(ttl))) {
            return installed;
        }
        boolean present;
        try {
            present = client.apiextensions().v1().customResourceDefinitions().withName(CRD).get() != null;
        } catch (KubernetesClientException e) {
            // No permission to read CRDs means the operator cannot manage Certificates either.
            present = false;
        }
        installed = present;
        checkedAt = now;
        return present;
    }
}
