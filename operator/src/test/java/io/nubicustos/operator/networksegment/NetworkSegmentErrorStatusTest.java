package io.nubicustos.operator.networksegment;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.operator.config.SegmentSettings;
import io.nubicustos.operator.status.Conditions;
import io.nubicustos.operator.status.KubernetesEvents;
import io.nubicustos.operator.status.SpecValidation;

/** A reconcile that fails shows in status: Ready False, the failure's kind, nothing of its message. */
class NetworkSegmentErrorStatusTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    static SegmentSettings settings() {
        return (SegmentSettings) Proxy.newProxyInstance(SegmentSettings.class.getClassLoader(), new Class<?>[] { SegmentSettings.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "apiPort" -> 8080;
                    case "certificateRevisionHistoryLimit" -> 3;
                    case "clusterDomain" -> "cluster.local";
                    case "driftCheckInterval" -> Duration.ofMinutes(5);
                    default -> Map.of();
                });
    }

    @Test
    void aFailedReconcileTurnsReadyFalseWithoutEchoingTheFailure() {
        // Events go nowhere (nothing listens there): publishing one is a courtesy that may fail.
        try (KubernetesClient nowhere = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1")
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(200).build()).build()) {
            KubernetesEvents events = new KubernetesEvents(nowhere, CLOCK);
            var reconciler = new NetworkSegmentReconciler(new SpecValidation(events, CLOCK), events, CLOCK, settings());
            NetworkSegment segment = new KubernetesSerialization().unmarshal("""
                    apiVersion: nubicustos.io/v1alpha1
                    kind: NetworkSegment
                    metadata: {name: lab, uid: u1, generation: 4}
                    spec: {cidr: 10.90.0.0/16, namespaceSelector: {matchLabels: {nubicustos.io/segment: lab}}}
                    """, NetworkSegment.class);

            var control = reconciler.updateErrorStatus(segment, null,
                    new KubernetesClientException("networkpolicies \"nubicustos-lab-egress\" 10.90.0.0/16 conflict", 409, null));

            NetworkSegment patch = control.getResource().orElseThrow();
            assertThat(patch.getMetadata().getName()).isEqualTo("lab");
            var ready = Conditions.find(patch.getStatus().getConditions(), NetworkSegmentReconciler.READY).orElseThrow();
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo("ReconcileFailed");
            assertThat(ready.getObservedGeneration()).isEqualTo(4L);
            assertThat(ready.getMessage()).contains("409").doesNotContain("10.90").doesNotContain("nubicustos-lab");
            assertThat(control.isNoRetry()).as("JOSDK retries").isFalse();
        }
    }
}
