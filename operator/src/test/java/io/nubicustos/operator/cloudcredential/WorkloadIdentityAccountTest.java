package io.nubicustos.operator.cloudcredential;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.model.kubernetes.Labels;
import io.nubicustos.operator.config.CredentialSettings;
import io.nubicustos.operator.scanjob.UploadKeyStore;
import io.nubicustos.operator.status.Conditions;
import io.nubicustos.operator.status.KubernetesEvents;
import io.nubicustos.operator.status.SpecValidation;

/** The workload-identity ServiceAccount as a dependent, without a server: what is desired, kept, judged. */
class WorkloadIdentityAccountTest {

    static final KubernetesSerialization JSON = new KubernetesSerialization();
    static final String ROLE = "arn:aws:iam::123456789012:role/NubicustosReadOnly";

    static CloudCredential credential() {
        return JSON.unmarshal("""
                apiVersion: nubicustos.io/v1alpha1
                kind: CloudCredential
                metadata: {name: irsa, namespace: scans, uid: u-irsa, generation: 2}
                spec:
                  provider: aws
                  aws: {authMethod: workload-identity, region: eu-west-1}
                  workloadIdentity:
                    serviceAccountName: scanner-aws
                    annotations: {eks.amazonaws.com/role-arn: "%s"}
                """.formatted(ROLE), CloudCredential.class);
    }

    static ServiceAccount copy(ServiceAccount account) {
        return JSON.unmarshal(JSON.asJson(account), ServiceAccount.class);
    }

    @Test
    void desiredIsTheNamedAccountWithTheProvidersAnnotationsAndTheOperatorsLabel() {
        ServiceAccount desired = WorkloadIdentityAccount.desired(credential());
        assertThat(desired.getMetadata().getName()).isEqualTo("scanner-aws");
        assertThat(desired.getMetadata().getNamespace()).isEqualTo("scans");
        assertThat(desired.getMetadata().getAnnotations()).containsExactly(Map.entry("eks.amazonaws.com/role-arn", ROLE));
        assertThat(desired.getMetadata().getLabels()).containsExactly(Map.entry("app.kubernetes.io/managed-by", "nubicustos-operator"));
        assertThat(desired.getMetadata().getOwnerReferences()).as("JOSDK adds it").isNullOrEmpty();
    }

    @Test
    void itsAnnotationsPresentItMatchesWhateverElseItCarries() {
        WorkloadIdentityAccount dependent = new WorkloadIdentityAccount();
        ServiceAccount desired = WorkloadIdentityAccount.desired(credential());
        ServiceAccount actual = copy(desired);
        actual.getMetadata().getAnnotations().put("kubectl.kubernetes.io/last-applied-configuration", "{}");
        actual.setAutomountServiceAccountToken(false);
        assertThat(dependent.match(actual, desired, credential(), null).matched()).isTrue();

        actual.getMetadata().getAnnotations().put("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/Other");
        assertThat(dependent.match(actual, desired, credential(), null).matched()).isFalse();
    }

    @Test
    void josdksOwnerReferenceControlsItWithoutBlockingTheCredentialsDeletionAndMapsBack() {
        WorkloadIdentityAccount dependent = new WorkloadIdentityAccount();
        ServiceAccount desired = WorkloadIdentityAccount.desired(credential());
        dependent.addReferenceHandlingMetadata(desired, credential());

        assertThat(desired.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("CloudCredential");
            assertThat(ref.getUid()).isEqualTo("u-irsa");
            assertThat(ref.getController()).isTrue();
            assertThat(ref.getBlockOwnerDeletion()).as("the chart grants nothing on cloudcredentials/finalizers").isNull();
        });
        assertThat(dependent.toPrimaryResourceIDs(desired)).containsExactly(new ResourceID("irsa", "scans"));
    }

    @Test
    void someoneElsesAccountIsUsedOnlyOptedInAndAnnotated() {
        ServiceAccount theirs = WorkloadIdentityAccount.desired(credential());
        theirs.getMetadata().setLabels(Map.of());
        theirs.getMetadata().setAnnotations(Map.of());

        assertThat(WorkloadIdentityAccount.judge(Optional.empty(), credential())).get()
                .satisfies(check -> assertThat(check.reason()).isEqualTo("ServiceAccountNotOptedIn"));
        theirs.getMetadata().setLabels(Map.of(Labels.CREDENTIAL, "another-credential"));
        assertThat(WorkloadIdentityAccount.judge(Optional.of(theirs), credential())).get()
                .satisfies(check -> assertThat(check.reason()).isEqualTo("ServiceAccountNotOptedIn"));
        theirs.getMetadata().setLabels(Map.of(Labels.CREDENTIAL, "irsa"));
        assertThat(WorkloadIdentityAccount.judge(Optional.of(theirs), credential())).get()
                .satisfies(check -> assertThat(check.reason()).isEqualTo("ServiceAccountAnnotationsMissing"));
        theirs.getMetadata().setAnnotations(Map.of("eks.amazonaws.com/role-arn", ROLE));
        assertThat(WorkloadIdentityAccount.judge(Optional.of(theirs), credential())).isEmpty();
    }

    @Test
    void aFailedReconcileTurnsReadyFalseLeavesValidAndEchoesNothing() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
        CredentialSettings settings = new CredentialSettings() {
            @Override
            public Duration revalidateInterval() {
                return Duration.ofHours(6);
            }

            @Override
            public Duration missingSecretRecheck() {
                return Duration.ofSeconds(30);
            }
        };
        try (KubernetesClient nowhere = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1")
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(200).build()).build()) {
            KubernetesEvents events = new KubernetesEvents(nowhere, clock);
            var reconciler = new CloudCredentialReconciler(new SpecValidation(events, clock), events, clock, new UploadKeyStore(null, null),
                    settings, new SimpleMeterRegistry());
            CloudCredential credential = credential();
            credential.setStatus(new io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialStatus());
            Conditions.set(credential.getStatus().getConditions(), CloudCredentialReconciler.VALID, true, "WorkloadIdentity", "ok", 2L,
                    clock.instant());

            var control = reconciler.updateErrorStatus(credential, null,
                    new KubernetesClientException("serviceaccounts \"scanner-aws\" " + ROLE, 422, null));

            var conditions = control.getResource().orElseThrow().getStatus().getConditions();
            assertThat(Conditions.find(conditions, CloudCredentialReconciler.READY)).get().satisfies(ready -> {
                assertThat(ready.getStatus()).isEqualTo("False");
                assertThat(ready.getReason()).isEqualTo("ReconcileFailed");
                assertThat(ready.getMessage()).contains("422").doesNotContain("scanner-aws").doesNotContain("123456789012");
            });
            assertThat(Conditions.isTrue(conditions, CloudCredentialReconciler.VALID)).isTrue();
        }
    }
}
