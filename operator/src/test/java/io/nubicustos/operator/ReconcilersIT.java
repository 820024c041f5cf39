package io.nubicustos.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialRules;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentRules;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobRules;
import io.nubicustos.api.v1alpha1.scanjob.ScanPhase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The operator running against Fabric8's mock API server in CRUD mode. The mock server does not
 * evaluate CEL, which is exactly the case the operator's own validation is for: an object the API
 * server should have rejected still ends with a clear InvalidSpec condition and a Warning event.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ReconcilersIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    @Test
    void aScanJobThatBreaksACelRuleGetsInvalidSpecAndAWarningEvent() {
        ScanJob invalid = client.resource(load("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: audit-on-aws, namespace: default}
                spec: {tool: kubernetes, provider: aws, credentialRef: {name: aws}}
                """, ScanJob.class)).create();

        Condition ready = awaitCondition(ScanJob.class, invalid, "Ready");
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("InvalidSpec");
        assertThat(ready.getMessage()).isEqualTo(ScanJobRules.BUILTIN_NEEDS_KUBERNETES_MESSAGE);
        assertThat(ready.getObservedGeneration()).isEqualTo(1L);
        ScanJob current = client.resources(ScanJob.class).inNamespace("default").withName("audit-on-aws").get();
        assertThat(current.getStatus().getPhase()).isEqualTo(ScanPhase.FAILED);
        assertThat(current.getStatus().getObservedGeneration()).isEqualTo(1L);

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(eventsFor("audit-on-aws"))
                .anySatisfy(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getReason()).isEqualTo("InvalidSpec");
                    assertThat(e.getMessage()).isEqualTo(ScanJobRules.BUILTIN_NEEDS_KUBERNETES_MESSAGE);
                    assertThat(e.getInvolvedObject().getKind()).isEqualTo("ScanJob");
                }));
    }

    @Test
    void aScanJobWithHostileArgsIsInvalidAndStartsOnceFixed() {
        ScanJob scan = client.resource(load("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: hostile-args, namespace: default}
                spec: {tool: trivy, provider: kubernetes, args: ["--output=/etc/passwd"]}
                """, ScanJob.class)).create();
        Condition invalid = awaitCondition(ScanJob.class, scan, "Ready");
        assertThat(invalid.getReason()).isEqualTo("InvalidSpec");
        assertThat(invalid.getMessage()).isEqualTo("args[0] names a path outside /results");
        assertThat(client.batch().v1().jobs().inNamespace("default").withLabel("nubicustos.io/scanjob", "hostile-args").list()
                .getItems()).as("an invalid ScanJob runs nothing").isEmpty();

        client.resources(ScanJob.class).inNamespace("default").withName("hostile-args").edit(s -> {
            s.getSpec().setArgs(List.of("--severity=CRITICAL"));
            return s;
        });
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ScanJob current = client.resources(ScanJob.class).inNamespace("default").withName("hostile-args").get();
            assertThat(current.getStatus().getPhase()).isEqualTo(ScanPhase.RUNNING);
            assertThat(current.getStatus().getObservedGeneration()).isEqualTo(2L);
            assertThat(client.batch().v1().jobs().inNamespace("default").withLabel("nubicustos.io/scanjob", "hostile-args")
                    .list().getItems()).singleElement()
                    .satisfies(j -> assertThat(j.getSpec().getTemplate().getSpec().getInitContainers().get(0).getArgs())
                            .endsWith("--severity=CRITICAL"));
        });
    }

    @Test
    void aCloudCredentialWithTheWrongProviderBlockIsInvalid() {
        CloudCredential credential = client.resource(load("""
                apiVersion: nubicustos.io/v1alpha1
                kind: CloudCredential
                metadata: {name: mixed-up, namespace: default}
                spec:
                  provider: aws
                  secretRef: {name: keys}
                  azure: {authMethod: managed-identity, subscriptionId: 00000000-0000-0000-0000-000000000003}
                """, CloudCredential.class)).create();
        Condition valid = awaitCondition(CloudCredential.class, credential, "Valid");
        assertThat(valid.getStatus()).isEqualTo("False");
        assertThat(valid.getMessage()).contains(CloudCredentialRules.BLOCK_MATCHES_PROVIDER_MESSAGE);
    }

    @Test
    void aSegmentListingItselfInAllowFromIsInvalidAndAValidOneIsRendered() {
        NetworkSegment selfish = client.resource(load("""
                apiVersion: nubicustos.io/v1alpha1
                kind: NetworkSegment
                metadata: {name: staging}
                spec:
                  cidr: 10.30.0.0/24
                  namespaceSelector: {matchLabels: {nubicustos.io/segment: staging}}
                  allowFrom: [staging]
                """, NetworkSegment.class)).create();
        NetworkSegment fine = client.resource(load("""
                apiVersion: nubicustos.io/v1alpha1
                kind: NetworkSegment
                metadata: {name: testing}
                spec:
                  cidr: 10.20.0.0/24
                  namespaceSelector: {matchLabels: {nubicustos.io/segment: testing}}
                """, NetworkSegment.class)).create();

        Condition invalid = awaitCondition(NetworkSegment.class, selfish, "Ready");
        assertThat(invalid.getReason()).isEqualTo("InvalidSpec");
        assertThat(invalid.getMessage()).isEqualTo(NetworkSegmentRules.NOT_SELF_IN_ALLOW_FROM_MESSAGE);
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(awaitCondition(NetworkSegment.class, fine, "Ready").getStatus())
                .isEqualTo("True"));
    }

    private <T extends HasMetadata> T load(String yaml, Class<T> type) {
        return client.getKubernetesSerialization().unmarshal(yaml, type);
    }

    private <T extends HasMetadata> Condition awaitCondition(Class<T> type, T resource, String conditionType) {
        return await().atMost(TIMEOUT).ignoreExceptions().until(() -> conditionOf(type, resource, conditionType), Optional::isPresent).get();
    }

    private <T extends HasMetadata> Optional<Condition> conditionOf(Class<T> type, T resource, String conditionType) {
        var op = resource.getMetadata().getNamespace() == null ? client.resources(type)
                : client.resources(type).inNamespace(resource.getMetadata().getNamespace());
        HasMetadata current = op.withName(resource.getMetadata().getName()).get();
        List<Condition> conditions = List.of();
        if (current instanceof ScanJob s && s.getStatus() != null) {
            conditions = s.getStatus().getConditions();
        } else if (current instanceof CloudCredential c && c.getStatus() != null) {
            conditions = c.getStatus().getConditions();
        } else if (current instanceof NetworkSegment n && n.getStatus() != null) {
            conditions = n.getStatus().getConditions();
        }
        return conditions.stream().filter(c -> conditionType.equals(c.getType())).findFirst();
    }

    private List<Event> eventsFor(String name) {
        return client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }
}
