package io.nubicustos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.local.LocalSamples.Document;
import io.nubicustos.operator.scanjob.JobState;

/**
 * What `make run` will do, minus the operator: config/local/samples on the mock API, the
 * Deployment controller and the pod runner; the sample ScanJob's audit Job (as the operator
 * builds it) finds every planted weakness and the attack path, and nothing about the hardened workload.
 */
@EnableKubernetesMockClient(crud = true)
class LocalSamplesRunTest {

    static KubernetesClient client;

    @Test
    void theAuditOfTheLocalSamplesFindsWhatWasPlanted() throws IOException {
        List<String> log = new CopyOnWriteArrayList<>();
        List<Document> samples = LocalSamples.documents();
        for (Document d : samples) {
            if (!d.object().getApiVersion().startsWith("nubicustos.io/")) {
                client.resource(d.object()).create();
            }
        }
        try (FakeIngest ingest = new FakeIngest();
                var deployments = new LocalDeploymentController(client, log::add).start();
                var runner = LocalPodRunner.builder(client).log(log::add).build().start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> client.pods().inAnyNamespace().list().getItems().stream()
                    .filter(p -> "Running".equals(p.getStatus() == null ? null : p.getStatus().getPhase())).count() == 3);
            Pod storefront = client.pods().inNamespace("production").withLabel("app", "storefront").list().getItems().get(0);
            assertThat(storefront.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("ReplicaSet");
            assertThat(storefront.getMetadata().getOwnerReferences().get(0).getName()).startsWith("storefront-");
            assertThat(client.apps().deployments().inNamespace("production").withName("storefront").get().getStatus().getReadyReplicas())
                    .isEqualTo(1);

            ScanJob scanJob = LocalSamples.SERIALIZATION.convertValue(
                    samples.stream().filter(d -> d.kind().equals("ScanJob")).findFirst().orElseThrow().object(), ScanJob.class);
            scanJob.getMetadata().setUid(UUID.randomUUID().toString());
            scanJob.getMetadata().setGeneration(1L);
            String runId = ScanJobs.run(scanJob).uploadId();
            client.resource(ScanJobs.tokenSecret(scanJob, "local-token")).create();
            Job job = client.resource(ScanJobs.job(scanJob, ScanJobs.KUBERNETES, ingest.url())).create();
            Job done = await().atMost(Duration.ofSeconds(90)).until(
                    () -> client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName()).get(),
                    JobState::finished);
            assertThat(JobState.succeeded(done)).as(log.toString()).isTrue();

            List<JsonNode> findings = ingest.findings(runId);
            assertThat(findings.stream().map(f -> f.path("checkId").asText() + " " + f.path("resource").asText()))
                    .contains("privileged-container Deployment/production/storefront",
                            "run-as-root Deployment/production/storefront",
                            "latest-image-tag Deployment/production/storefront",
                            "service-loadbalancer Service/production/storefront",
                            "rbac-cluster-admin-binding ClusterRoleBinding//storefront-cluster-admin",
                            "secret-in-env Deployment/staging/billing-worker");
            assertThat(findings).noneSatisfy(f -> assertThat(f.path("resource").asText()).isEqualTo("Deployment/development/notes"));
            assertThat(ingest.edges(runId).stream().map(e -> e.path("from").asText() + " " + e.path("type").asText() + " " + e.path("to").asText()))
                    .contains("Internet CAN_REACH Service/production/storefront",
                            "Service/production/storefront CAN_REACH Deployment/production/storefront",
                            "Deployment/production/storefront RUNS_AS ServiceAccount/production/storefront",
                            "ServiceAccount/production/storefront BOUND_TO ClusterRole//cluster-admin");
            assertThat(String.join("\n", log)).doesNotContain("not-a-real-password-local-sample");
        }
    }
}
