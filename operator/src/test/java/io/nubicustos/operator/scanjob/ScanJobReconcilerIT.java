package io.nubicustos.operator.scanjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanPhase;
import io.nubicustos.operator.support.CapturedLogs;
import io.nubicustos.operator.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** The ScanJob operator running against Fabric8's mock API server in CRUD mode. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ScanJobReconcilerIT {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String NS = "scans";

    @Inject
    KubernetesClient client;

    @Inject
    TestClock clock;

    @BeforeEach
    @AfterEach
    void resetClock() {
        clock.reset();
    }

    ScanJob create(String yaml) {
        return client.resource(client.getKubernetesSerialization().unmarshal(yaml, ScanJob.class)).inNamespace(NS).create();
    }

    ScanJob get(String name) {
        return client.resources(ScanJob.class).inNamespace(NS).withName(name).get();
    }

    List<Job> jobsOf(String scanJob) {
        return client.batch().v1().jobs().inNamespace(NS).withLabel("nubicustos.io/scanjob", scanJob).list().getItems();
    }

    Job awaitJob(String scanJob, int count) {
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> jobsOf(scanJob).size() >= count);
        return jobsOf(scanJob).stream().sorted((a, b) -> b.getMetadata().getName().compareTo(a.getMetadata().getName()))
                .filter(j -> j.getStatus() == null || j.getStatus().getConditions().isEmpty()).findFirst().orElseThrow();
    }

    void finish(Job job, boolean succeeded, String terminationMessage) {
        if (terminationMessage != null) {
            client.resource(new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-pod").withNamespace(NS)
                    .addToLabels("job-name", job.getMetadata().getName()).endMetadata()
                    .withNewStatus().withContainerStatuses(new ContainerStatusBuilder().withName("scanner")
                            .withNewState().withNewTerminated().withExitCode(0).withMessage(terminationMessage).endTerminated().endState()
                            .build())
                    .endStatus().build()).create();
        }
        client.batch().v1().jobs().inNamespace(NS).withName(job.getMetadata().getName()).editStatus(j -> {
            j.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder()
                    .withConditions(new JobConditionBuilder().withType(succeeded ? "Complete" : "Failed").withStatus("True")
                            .withReason(succeeded ? null : "BackoffLimitExceeded")
                            .withLastTransitionTime(java.time.Instant.now().toString()).build())
                    .withCompletionTime(succeeded ? java.time.Instant.now().toString() : null)
                    .build());
            return j;
        });
    }

    /** An AWS CloudCredential and its Secret of static keys, opted in for it by its owner. */
    void awsCredential(String name, String secret) {
        client.resource(new SecretBuilder().withNewMetadata().withName(secret).withNamespace(NS)
                .addToLabels("nubicustos.io/credential", name).endMetadata()
                .withStringData(Map.of("credentials", "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                        + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n")).build()).create();
        client.resource(client.getKubernetesSerialization().unmarshal("""
                apiVersion: nubicustos.io/v1alpha1
                kind: CloudCredential
                metadata: {name: %s}
                spec: {provider: aws, secretRef: {name: %s}, aws: {authMethod: static-keys}}
                """.formatted(name, secret), CloudCredential.class)).inNamespace(NS).create();
    }

    List<Event> events(String name) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }

    @Test
    void aScanJobBecomesAHardenedJobOwnedByIt() {
        client.resource(client.getKubernetesSerialization().unmarshal("""
                apiVersion: nubicustos.io/v1alpha1
                kind: NetworkSegment
                metadata: {name: management}
                spec: {cidr: 10.50.0.0/24, namespaceSelector: {matchLabels: {nubicustos.io/segment: management}}}
                """, io.nubicustos.api.v1alpha1.networksegment.NetworkSegment.class))
                .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
        ScanJob scanJob = create("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: audit}
                spec: {tool: kubernetes, provider: kubernetes, segmentRef: {name: management}}
                """);
        Job job = awaitJob("audit", 1);
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(scanJob.getMetadata().getUid()));
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("nubicustos.io/segment", "management")
                .containsEntry("nubicustos.io/run", "g1");
        assertThat(pod.getContainers()).singleElement().satisfies(c -> {
            assertThat(c.getImage()).isEqualTo("ghcr.io/nubicustos/scanner:test");
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        });
        assertThat(pod.getServiceAccountName()).isEqualTo("nubicustos-audit");
        // A tenant namespace's audit reads that namespace only: a RoleBinding there, never a ClusterRoleBinding.
        assertThat(client.serviceAccounts().inNamespace(NS).withName("nubicustos-audit").get()).isNotNull();
        assertThat(client.rbac().roleBindings().inNamespace(NS).withName("nubicustos-audit").get()).satisfies(b -> {
            assertThat(b.getRoleRef().getKind()).isEqualTo("ClusterRole");
            assertThat(b.getRoleRef().getName()).isEqualTo("nubicustos-audit");
            assertThat(b.getSubjects()).singleElement().satisfies(s -> assertThat(s.getNamespace()).isEqualTo(NS));
        });
        assertThat(client.rbac().clusterRoleBindings().list().getItems()).isEmpty();
        assertThat(pod.getContainers().get(0).getArgs()).containsSequence("--namespace", NS);
        String tokenSecret = pod.getVolumes().stream().filter(v -> v.getName().equals("upload-token")).findFirst().orElseThrow()
                .getProjected().getSources().get(0).getSecret().getName();
        assertThat(client.secrets().inNamespace(NS).withName(tokenSecret).get().getData()).containsKey("token");

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ScanJob current = get("audit");
            assertThat(current.getStatus().getPhase()).isEqualTo(ScanPhase.RUNNING);
            assertThat(current.getStatus().getLastRun().getJob()).isEqualTo(job.getMetadata().getName());
            assertThat(events("audit")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("RunStarted"));
        });
        // Reconciling again does not start the same run twice.
        client.resources(ScanJob.class).inNamespace(NS).withName("audit").edit(s -> {
            s.getMetadata().setAnnotations(Map.of("touched", "yes"));
            return s;
        });
        await().during(Duration.ofSeconds(2)).atMost(TIMEOUT).until(() -> jobsOf("audit").size() == 1);
    }

    @Test
    void aRunWhoseStatusWasLostIsAdoptedNotStartedTwice() {
        create("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: restarted}
                spec: {tool: kubernetes, provider: kubernetes}
                """);
        Job job = awaitJob("restarted", 1);
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> get("restarted").getStatus().getLastRun() != null);
        // As if the operator died between creating the Job and recording it: the status forgets the run,
        // and the next event (here a touch of the Job; after a restart, the initial reconcile) finds it.
        client.resources(ScanJob.class).inNamespace(NS).withName("restarted").editStatus(s -> {
            s.getStatus().setLastRun(null);
            s.getStatus().getHistory().clear();
            return s;
        });
        client.batch().v1().jobs().inNamespace(NS).withName(job.getMetadata().getName()).edit(j -> {
            j.getMetadata().getLabels().put("touched", "yes");
            return j;
        });
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ScanJob current = get("restarted");
            assertThat(current.getStatus().getLastRun()).isNotNull();
            assertThat(current.getStatus().getLastRun().getJob()).isEqualTo(job.getMetadata().getName());
        });
        await().during(Duration.ofSeconds(2)).atMost(TIMEOUT).until(() -> jobsOf("restarted").size() == 1);
    }

    @Test
    void metricsCountRunsByToolWithoutNamesOrNamespaces() {
        create("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: metered}
                spec: {tool: kubescape, provider: kubernetes}
                """);
        finish(awaitJob("metered", 1), true, null);
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            String metrics = io.restassured.RestAssured.given().port(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class)).get("/q/metrics").asString();
            assertThat(metrics).contains("nubicustos_scan_runs_total{outcome=\"started\",tool=\"kubescape\"}")
                    .contains("nubicustos_scan_runs_total{outcome=\"succeeded\",tool=\"kubescape\"}")
                    .contains("nubicustos_scan_run_duration_seconds_bucket")
                    .contains("nubicustos_scan_runs_running")
                    .doesNotContain("metered");
        });
    }

    @Test
    void aSucceededJobGivesTheRunItsOutcomeAndCounts() {
        create("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: trivy-ok}
                spec: {tool: trivy, provider: kubernetes}
                """);
        Job job = awaitJob("trivy-ok", 1);
        finish(job, true, "{\"critical\":2,\"high\":5,\"medium\":1,\"low\":0,\"info\":9}");
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ScanJob current = get("trivy-ok");
            assertThat(current.getStatus().getPhase()).isEqualTo(ScanPhase.SUCCEEDED);
            assertThat(current.getStatus().getLastRun().getOutcome()).isEqualTo("Succeeded");
            assertThat(current.getStatus().getLastRun().getFindings().getCritical()).isEqualTo(2);
            assertThat(current.getStatus().getLastRun().getFindings().getHigh()).isEqualTo(5);
            assertThat(current.getStatus().getHistory()).hasSize(1);
            assertThat(current.getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("Succeeded");
                assertThat(c.getStatus()).isEqualTo("True");
            });
            assertThat(events("trivy-ok")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("RunSucceeded"));
        });
    }

    @Test
    void aFailedJobFailsTheRunWithTheJobControllersReason() {
        create("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: kubescape-ko}
                spec: {tool: kubescape, provider: kubernetes}
                """);
        finish(awaitJob("kubescape-ko", 1), false, null);
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ScanJob current = get("kubescape-ko");
            assertThat(current.getStatus().getPhase()).isEqualTo(ScanPhase.FAILED);
            assertThat(current.getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("Failed");
                assertThat(c.getReason()).isEqualTo("BackoffLimitExceeded");
            });
            assertThat(events("kubescape-ko")).anySatisfy(e -> {
                assertThat(e.getReason()).isEqualTo("RunFailed");
                assertThat(e.getType()).isEqualTo("Warning");
            });
        });
    }

    @Test
    void aTenantsImageOrAScanBeyondTheCapsNeverBecomesAJobAndNothingIsMounted() {
        awsCredential("tenant-aws", "tenant-keys");
        // Pinned by digest, so the schema takes it, but not an image the admin allows for prowler.
        create("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: exfil}
                spec: {tool: prowler, provider: aws, credentialRef: {name: tenant-aws},
                       image: "attacker.example/exfil@sha256:%s"}
                """.formatted("b".repeat(64)));
        create("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: greedy}
                spec: {tool: kubescape, provider: kubernetes, timeout: 999999h, resources: {limits: {cpu: "64"}}}
                """);
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(get("exfil").getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType() + "/" + c.getStatus() + "/" + c.getReason()).isEqualTo("Ready/False/ImageNotAllowed");
                assertThat(c.getMessage()).doesNotContain("attacker");
            });
            assertThat(events("exfil")).anySatisfy(e -> {
                assertThat(e.getReason()).isEqualTo("ImageNotAllowed");
                assertThat(e.getType()).isEqualTo("Warning");
            });
            assertThat(get("greedy").getStatus().getConditions())
                    .anySatisfy(c -> assertThat(c.getType() + "/" + c.getStatus() + "/" + c.getReason()).isEqualTo("Ready/False/LimitExceeded"));
        });
        await().during(Duration.ofSeconds(2)).atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(jobsOf("exfil")).isEmpty();
            assertThat(jobsOf("greedy")).isEmpty();
        });
    }

    @Test
    void aCatalogueImagePinnedByTagAloneIsReportedOnTheScanJobAndInMetrics() {
        create("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: by-tag}
                spec: {tool: trivy, provider: kubernetes}
                """);
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(get("by-tag").getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType() + "/" + c.getStatus() + "/" + c.getReason()).isEqualTo("ImagePinned/False/TagOnly");
                assertThat(c.getMessage()).contains("aquasec/trivy");
            });
            assertThat(io.restassured.RestAssured.given().port(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class)).get("/q/metrics").asString()).containsPattern("nubicustos_scan_images_unpinned [1-9]");
        });
    }

    @Test
    void suspendingAScanJobWithARunningJobCancelsThatRun() {
        create("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: cancelled}
                spec: {tool: kubescape, provider: kubernetes}
                """);
        Job job = awaitJob("cancelled", 1);

        client.resources(ScanJob.class).inNamespace(NS).withName("cancelled").edit(sj -> {
            sj.getSpec().setSuspend(true);
            return sj;
        });

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(client.batch().v1().jobs().inNamespace(NS).withName(job.getMetadata().getName()).get())
                    .as("the running Job is deleted").isNull();
            ScanJob current = get("cancelled");
            assertThat(current.getStatus().getPhase()).isEqualTo(ScanPhase.SUSPENDED);
            assertThat(current.getStatus().getLastRun().getOutcome()).isEqualTo("Cancelled");
            assertThat(current.getStatus().getLastRun().getCompletedAt()).isNotNull();
            assertThat(current.getStatus().getHistory()).singleElement()
                    .satisfies(r -> assertThat(r.getOutcome()).isEqualTo("Cancelled"));
            assertThat(current.getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("Failed");
                assertThat(c.getStatus()).as("a cancelled run did not fail").isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("RunCancelled");
            }).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("Running");
                assertThat(c.getStatus()).isEqualTo("False");
            });
            assertThat(events("cancelled")).anySatisfy(e -> {
                assertThat(e.getReason()).isEqualTo("RunCancelled");
                assertThat(e.getMessage()).contains(job.getMetadata().getName());
            });
            assertThat(io.restassured.RestAssured.given().port(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class)).get("/q/metrics").asString())
                    .contains("nubicustos_scan_runs_total{outcome=\"cancelled\",tool=\"kubescape\"}");
        });
        // Recorded once: later reconciles neither record it again nor take the deleted Job for a lost run.
        client.resources(ScanJob.class).inNamespace(NS).withName("cancelled").edit(sj -> {
            sj.getMetadata().getLabels().put("touched", "yes");
            return sj;
        });
        await().during(Duration.ofSeconds(2)).atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(get("cancelled").getStatus().getHistory()).hasSize(1);
            assertThat(events("cancelled")).filteredOn(e -> "RunFailed".equals(e.getReason())).isEmpty();
        });
    }

    @Test
    void aScanPodWhoseImageCannotBePulledFailsTheRunAtOnceSayingWhy() {
        create("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: unpullable}
                spec: {tool: trivy, provider: kubernetes}
                """);
        Job job = awaitJob("unpullable", 1);
        // What the kubelet reports once pulling the tool's image has failed and been retried.
        client.resource(new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-x1").withNamespace(NS)
                .addToLabels(job.getSpec().getTemplate().getMetadata().getLabels())
                .addToLabels("job-name", job.getMetadata().getName()).endMetadata()
                .withNewStatus().withPhase("Pending")
                .withInitContainerStatuses(new ContainerStatusBuilder().withName("tool").withImage("aquasec/trivy:0.67.2")
                        .withNewState().withNewWaiting().withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image: registry answered with an internal detail").endWaiting().endState().build())
                .endStatus().build()).create();

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(client.batch().v1().jobs().inNamespace(NS).withName(job.getMetadata().getName()).get()).isNull();
            ScanJob current = get("unpullable");
            assertThat(current.getStatus().getPhase()).isEqualTo(ScanPhase.FAILED);
            assertThat(current.getStatus().getLastRun().getOutcome()).isEqualTo("Failed");
            assertThat(current.getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("Failed");
                assertThat(c.getStatus()).isEqualTo("True");
                assertThat(c.getReason()).isEqualTo("ImagePullFailed");
                assertThat(c.getMessage()).contains("aquasec/trivy:0.67.2", "tool", "ImagePullBackOff")
                        .doesNotContain("internal detail");
            });
            assertThat(events("unpullable")).anySatisfy(e -> {
                assertThat(e.getReason()).isEqualTo("RunFailed");
                assertThat(e.getType()).isEqualTo("Warning");
                assertThat(e.getMessage()).contains("cannot be pulled");
            });
        });
    }

    @Test
    void aScheduleStartsARunAtEachScheduledTime() {
        create("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: hourly}
                spec: {tool: kubernetes, provider: kubernetes, schedule: "0 * * * *"}
                """);
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> get("hourly").getStatus() != null && get("hourly").getStatus().getNextRunAt() != null);
        assertThat(jobsOf("hourly")).as("no run before the first scheduled time").isEmpty();

        clock.advance(Duration.ofHours(1));
        Job first = awaitJob("hourly", 1);
        assertThat(first.getMetadata().getLabels().get("nubicustos.io/run")).startsWith("s");
        finish(first, true, null);

        clock.advance(Duration.ofHours(1));
        awaitJob("hourly", 2);
        assertThat(jobsOf("hourly")).extracting(j -> j.getMetadata().getLabels().get("nubicustos.io/run")).doesNotHaveDuplicates();
    }

    @Test
    void aMissingCredentialBlocksTheRunUntilItIsCreated() {
        create("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: prowler-later}
                spec: {tool: prowler, provider: aws, credentialRef: {name: arrives-later}}
                """);
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ScanJob current = get("prowler-later");
            assertThat(current.getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("CredentialResolved");
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("CredentialNotFound");
            });
            assertThat(current.getStatus().getPhase()).isEqualTo(ScanPhase.PENDING);
            assertThat(events("prowler-later")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("CredentialNotFound"));
        });
        assertThat(jobsOf("prowler-later")).isEmpty();

        awsCredential("arrives-later", "keys");
        Job job = awaitJob("prowler-later", 1);
        assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v -> assertThat(v.getName()).isEqualTo("credentials"));
        // The credential's owner sees which run read it, and nothing of its content.
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(events("arrives-later")).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("CredentialUsed");
            assertThat(e.getMessage()).contains("prowler-later", job.getMetadata().getName(), "Secret keys", "credentials")
                    .doesNotContain("wJalrXUtnFEMI").doesNotContain("AKIAIOSFODNN7EXAMPLE");
        }));
    }

    @Test
    void deletingTheScanJobRemovesItsJobsAndTokens() {
        create("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: short-lived}
                spec: {tool: kubernetes, provider: kubernetes}
                """);
        awaitJob("short-lived", 1);
        client.resources(ScanJob.class).inNamespace(NS).withName("short-lived").delete();
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(jobsOf("short-lived")).isEmpty();
            assertThat(client.secrets().inNamespace(NS).withLabel("nubicustos.io/scanjob", "short-lived").list().getItems()).isEmpty();
            assertThat(get("short-lived")).isNull();
        });
    }

    @Test
    void aPlantedSecretValueNeverReachesLogsEventsStatusOrTheJob() {
        String plantedKeyId = "AKIAPLANTED7EXAMPLE9";
        String plantedSecret = "pl4ntedS3cretValueNeverLogMe7731abcdEFGH";
        try (CapturedLogs logs = CapturedLogs.install()) {
            client.resource(new SecretBuilder().withNewMetadata().withName("planted-keys").withNamespace(NS)
                    .addToLabels("nubicustos.io/credential", "planted").endMetadata()
                    .withStringData(Map.of("credentials", "[default]\naws_access_key_id = " + plantedKeyId
                            + "\naws_secret_access_key = " + plantedSecret + "\n"))
                    .build()).create();
            client.resource(client.getKubernetesSerialization().unmarshal("""
                    apiVersion: nubicustos.io/v1alpha1
                    kind: CloudCredential
                    metadata: {name: planted}
                    spec: {provider: aws, secretRef: {name: planted-keys}, aws: {authMethod: static-keys}}
                    """, CloudCredential.class)).inNamespace(NS).create();
            create("""
                    apiVersion: nubicustos.io/v1alpha1
                    kind: ScanJob
                    metadata: {name: planted-scan}
                    spec: {tool: prowler, provider: aws, credentialRef: {name: planted}}
                    """);
            Job job = awaitJob("planted-scan", 1);
            finish(job, false, null);
            await().atMost(TIMEOUT).ignoreExceptions().until(() -> get("planted-scan").getStatus().getPhase() == ScanPhase.FAILED);

            String everything = logs.all()
                    + client.getKubernetesSerialization().asYaml(client.v1().events().inNamespace(NS).list())
                    + client.getKubernetesSerialization().asYaml(get("planted-scan"))
                    + client.getKubernetesSerialization().asYaml(client.resources(CloudCredential.class).inNamespace(NS).withName("planted").get())
                    + client.getKubernetesSerialization().asYaml(jobsOf("planted-scan"));
            assertThat(logs.all()).as("the capture sees the operator's own lines").contains("ScanJob scans/planted-scan: run g1 started");
            assertThat(everything).doesNotContain(plantedKeyId).doesNotContain(plantedSecret);
            // Nor the key upload tokens are signed with, nor the run's token (both as stored and decoded).
            List<String> signing = new java.util.ArrayList<>();
            client.secrets().inAnyNamespace().list().getItems().stream()
                    .filter(secret -> secret.getMetadata().getName().equals("nubicustos-upload-key")
                            || secret.getMetadata().getName().endsWith("-upload"))
                    .forEach(secret -> secret.getData().values().forEach(value -> {
                        signing.add(value);
                        signing.add(new String(java.util.Base64.getDecoder().decode(value), java.nio.charset.StandardCharsets.ISO_8859_1));
                    }));
            assertThat(signing).as("the upload key and the run's token exist").hasSizeGreaterThanOrEqualTo(4);
            for (String value : signing) {
                if (value.length() >= 16) {
                    assertThat(everything).as("a signing key or token").doesNotContain(value);
                }
            }
        }
    }
}
