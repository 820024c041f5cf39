package io.nubicustos.operator.scanjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanPhase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** The cluster-wide limit: with room for 2, five ScanJobs make 2 Jobs and 3 queued runs that start as slots free. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(ConcurrencyLimitIT.LimitOfTwo.class)
class ConcurrencyLimitIT {

    public static class LimitOfTwo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nubicustos.scan.max-running", "2");
        }
    }

    static final String NS = "limits";
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    List<Job> activeJobs() {
        return client.batch().v1().jobs().inNamespace(NS).list().getItems().stream().filter(JobState::active).toList();
    }

    long phase(ScanPhase phase) {
        return client.resources(ScanJob.class).inNamespace(NS).list().getItems().stream()
                .filter(s -> s.getStatus() != null && s.getStatus().getPhase() == phase).count();
    }

    void complete(Job job) {
        client.batch().v1().jobs().inNamespace(NS).withName(job.getMetadata().getName()).editStatus(j -> {
            j.setStatus(new JobStatusBuilder().withCompletionTime(Instant.now().toString())
                    .withConditions(new JobConditionBuilder().withType("Complete").withStatus("True").build()).build());
            return j;
        });
    }

    @Test
    void twoRunThreeQueueAndTheQueuedStartAsJobsFinish() {
        for (int i = 0; i < 5; i++) {
            client.resource(client.getKubernetesSerialization().unmarshal("""
                    apiVersion: nubicustos.io/v1alpha1
                    kind: ScanJob
                    metadata: {name: scan-%d}
                    spec: {tool: kubernetes, provider: kubernetes}
                    """.formatted(i), ScanJob.class)).inNamespace(NS).create();
        }
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(activeJobs()).hasSize(2);
            assertThat(phase(ScanPhase.QUEUED)).isEqualTo(3);
            assertThat(phase(ScanPhase.RUNNING)).isEqualTo(2);
        });
        ScanJob queued = client.resources(ScanJob.class).inNamespace(NS).list().getItems().stream()
                .filter(s -> s.getStatus().getPhase() == ScanPhase.QUEUED).findFirst().orElseThrow();
        assertThat(queued.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getReason()).isEqualTo("Queued");
            assertThat(c.getMessage()).contains("limit of 2 running scans");
        });

        for (int round = 0; round < 3; round++) {
            complete(activeJobs().get(0));
            int finished = round + 1;
            await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                assertThat(activeJobs()).hasSizeLessThanOrEqualTo(2);
                assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).hasSize(2 + finished);
            });
        }
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(phase(ScanPhase.QUEUED)).isZero());
        assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems())
                .extracting(j -> j.getMetadata().getLabels().get("nubicustos.io/scanjob")).doesNotHaveDuplicates().hasSize(5);
    }
}
