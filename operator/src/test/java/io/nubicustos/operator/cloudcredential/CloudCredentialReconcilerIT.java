package io.nubicustos.operator.cloudcredential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.operator.support.CapturedLogs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class CloudCredentialReconcilerIT {

    static final String NS = "creds";
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    CloudCredentialReconciler reconciler;

    /** A Secret its owner opted in for CloudCredential {@code credential} (null: not opted in). */
    void secret(String name, String credential, Map<String, String> data, Map<String, String> annotations) {
        Map<String, String> labels = credential == null ? Map.of() : Map.of("nubicustos.io/credential", credential);
        client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(NS).withAnnotations(annotations).withLabels(labels)
                .endMetadata().withStringData(data).build()).createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
    }

    void credential(String yaml) {
        client.resource(client.getKubernetesSerialization().unmarshal(yaml, CloudCredential.class)).inNamespace(NS).create();
    }

    CloudCredential get(String name) {
        return client.resources(CloudCredential.class).inNamespace(NS).withName(name).get();
    }

    Condition condition(String name, String type) {
        CloudCredential c = get(name);
        return c == null || c.getStatus() == null ? null
                : c.getStatus().getConditions().stream().filter(x -> type.equals(x.getType())).findFirst().orElse(null);
    }

    void awaitValid(String name, String status, String reason) {
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            Condition valid = condition(name, "Valid");
            assertThat(valid).isNotNull();
            assertThat(valid.getStatus()).isEqualTo(status);
            assertThat(valid.getReason()).isEqualTo(reason);
            Condition ready = condition(name, "Ready");
            assertThat(ready).as("Ready mirrors Valid").isNotNull();
            assertThat(ready.getStatus() + "/" + ready.getReason()).isEqualTo(status + "/" + reason);
        });
    }

    @Test
    void aValidSecretGivesAFingerprintAndItsChangesAreWatched() {
        secret("aws-keys", "aws", Map.of("credentials", TestCredentials.awsCredentials("default", TestCredentials.PLANTED_KEY_ID,
                TestCredentials.PLANTED_SECRET_KEY)), Map.of());
        credential("""
                apiVersion: nubicustos.io/v1alpha1
                kind: CloudCredential
                metadata: {name: aws}
                spec: {provider: aws, secretRef: {name: aws-keys}, aws: {authMethod: static-keys}}
                """);
        awaitValid("aws", "True", "Valid");
        CloudCredential valid = get("aws");
        assertThat(valid.getStatus().getFingerprint()).startsWith("v1:").hasSize(27);
        assertThat(valid.getStatus().getAgeDays()).isZero();
        assertThat(condition("aws", "RotationDue").getStatus()).isEqualTo("False");
        assertThat(client.secrets().inNamespace(NS).withName("aws-keys").get().getMetadata().getLabels())
                .as("labelled, so that the operator's Secret informer sees it").containsKey("nubicustos.io/credential");

        // The Secret is replaced by garbage: the watch revalidates it.
        client.secrets().inNamespace(NS).withName("aws-keys").edit(s -> {
            s.setStringData(Map.of("credentials", "[default]\naws_access_key_id = nonsense\n"));
            s.setData(null);
            return s;
        });
        awaitValid("aws", "False", "MalformedAwsCredentials");
        assertThat(condition("aws", "Valid").getMessage()).contains("aws_access_key_id");
        assertThat(get("aws").getStatus().getFingerprint()).as("a new Secret version, a new fingerprint")
                .isNotEqualTo(valid.getStatus().getFingerprint());
    }

    @Test
    void aMissingSecretIsReportedAndFoundOnceCreated() {
        credential("""
                apiVersion: nubicustos.io/v1alpha1
                kind: CloudCredential
                metadata: {name: gcp}
                spec: {provider: gcp, secretRef: {name: gcp-key}, gcp: {projectId: my-project}}
                """);
        awaitValid("gcp", "False", "SecretNotFound");
        secret("gcp-key", "gcp", Map.of("key.json", TestCredentials.gcpKey("service_account")), Map.of());
        awaitValid("gcp", "True", "Valid");
    }

    @Test
    void anOldSecretIsDueForRotation() {
        secret("azure-principal", "azure", Map.of("clientSecret", TestCredentials.PLANTED_AZURE_SECRET),
                Map.of("nubicustos.io/rotated-at", Instant.now().minus(Duration.ofDays(120)).toString()));
        credential("""
                apiVersion: nubicustos.io/v1alpha1
                kind: CloudCredential
                metadata: {name: azure}
                spec:
                  provider: azure
                  secretRef: {name: azure-principal}
                  azure: {authMethod: client-secret, tenantId: 00000000-0000-0000-0000-000000000001,
                          clientId: 00000000-0000-0000-0000-000000000002, subscriptionId: 00000000-0000-0000-0000-000000000003}
                  rotation: {maxAge: 90d}
                """);
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(condition("azure", "RotationDue")).isNotNull();
            assertThat(condition("azure", "RotationDue").getStatus()).isEqualTo("True");
            assertThat(get("azure").getStatus().getAgeDays()).isEqualTo(120L);
            assertThat(client.v1().events().inNamespace(NS).list().getItems())
                    .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("RotationDue"));
        });
        assertThat(condition("azure", "Valid").getStatus()).isEqualTo("True");
        // The alert NubicustosCredentialRotationDue reads this gauge. Its count comes from the informer's cache, which sees the
        // status a moment after the API server; it is read from the bean, since Micrometer's global registry keeps the gauge of
        // the first application a test JVM started.
        assertThat(registry.find("nubicustos.credentials.rotation.due").gauge()).as("registered").isNotNull();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(reconciler.rotationDueCount()).isGreaterThanOrEqualTo(1));
        long before = reconciler.rotationDueCount();
        client.resources(CloudCredential.class).inNamespace(NS).withName("azure").delete();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(reconciler.rotationDueCount()).isEqualTo(before - 1));
    }

    @Test
    void workloadIdentityCreatesTheServiceAccountOrAdoptsAnExistingOne() {
        credential("""
                apiVersion: nubicustos.io/v1alpha1
                kind: CloudCredential
                metadata: {name: irsa}
                spec:
                  provider: aws
                  aws: {authMethod: workload-identity}
                  workloadIdentity:
                    serviceAccountName: scanner-aws
                    annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/Audit"}
                """);
        awaitValid("irsa", "True", "WorkloadIdentity");
        assertThat(client.serviceAccounts().inNamespace(NS).withName("scanner-aws").get().getMetadata().getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/Audit");
        // Its annotation removed by hand comes back; what else was set on it stays.
        client.serviceAccounts().inNamespace(NS).withName("scanner-aws").edit(sa -> {
            sa.getMetadata().getAnnotations().remove("eks.amazonaws.com/role-arn");
            sa.setAutomountServiceAccountToken(false);
            sa.setImagePullSecrets(java.util.List.of(new io.fabric8.kubernetes.api.model.LocalObjectReference("registry")));
            return sa;
        });
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            var sa = client.serviceAccounts().inNamespace(NS).withName("scanner-aws").get();
            assertThat(sa.getMetadata().getAnnotations()).containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/Audit");
            assertThat(sa.getAutomountServiceAccountToken()).isFalse();
            assertThat(sa.getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("registry");
        });

        // Someone else's ServiceAccount (say, bound to cluster-admin): named in a CloudCredential, it is neither used nor changed.
        client.resource(new ServiceAccountBuilder().withNewMetadata().withName("existing-sa").withNamespace(NS)
                .addToAnnotations("team", "platform").endMetadata().build()).create();
        credential("""
                apiVersion: nubicustos.io/v1alpha1
                kind: CloudCredential
                metadata: {name: gke}
                spec:
                  provider: gcp
                  gcp: {authMethod: workload-identity, projectId: my-project}
                  workloadIdentity:
                    serviceAccountName: existing-sa
                    annotations: {iam.gke.io/gcp-service-account: "auditor@my-project.iam.gserviceaccount.com"}
                """);
        awaitValid("gke", "False", "ServiceAccountNotOptedIn");
        assertThat(client.serviceAccounts().inNamespace(NS).withName("existing-sa").get().getMetadata().getAnnotations())
                .containsOnly(Map.entry("team", "platform"));

        // Its owner opts it in, but without the provider's annotation: still refused, still unchanged.
        client.serviceAccounts().inNamespace(NS).withName("existing-sa").edit(sa -> {
            sa.getMetadata().getLabels().put("nubicustos.io/credential", "gke");
            return sa;
        });
        awaitValid("gke", "False", "ServiceAccountAnnotationsMissing");
        assertThat(client.serviceAccounts().inNamespace(NS).withName("existing-sa").get().getMetadata().getAnnotations())
                .containsOnly(Map.entry("team", "platform"));

        // The owner annotates it too: now it is used, as its owner left it.
        client.serviceAccounts().inNamespace(NS).withName("existing-sa").edit(sa -> {
            sa.getMetadata().getAnnotations().put("iam.gke.io/gcp-service-account", "auditor@my-project.iam.gserviceaccount.com");
            return sa;
        });
        awaitValid("gke", "True", "WorkloadIdentity");
    }

    @Test
    void aSecretIsReadOnlyWhenItsOwnerOptedItInForThatCredentialAndIsNeverLabelledByTheOperator() {
        secret("db-password", null, Map.of("clientSecret", TestCredentials.PLANTED_AZURE_SECRET), Map.of());
        secret("other-team", "someone-else", Map.of("clientSecret", TestCredentials.PLANTED_AZURE_SECRET), Map.of());
        for (String[] pair : new String[][] { { "borrow-db", "db-password" }, { "borrow-other", "other-team" } }) {
            credential("""
                    apiVersion: nubicustos.io/v1alpha1
                    kind: CloudCredential
                    metadata: {name: %s}
                    spec:
                      provider: azure
                      secretRef: {name: %s}
                      azure: {authMethod: client-secret, tenantId: 00000000-0000-0000-0000-000000000001,
                              clientId: 00000000-0000-0000-0000-000000000002, subscriptionId: 00000000-0000-0000-0000-000000000003}
                    """.formatted(pair[0], pair[1]));
            awaitValid(pair[0], "False", "SecretNotFound");
        }
        assertThat(client.secrets().inNamespace(NS).withName("db-password").get().getMetadata().getLabels())
                .as("the operator never labels a tenant's Secret to make it usable").doesNotContainKey("nubicustos.io/credential");
        assertThat(client.secrets().inNamespace(NS).withName("other-team").get().getMetadata().getLabels())
                .containsEntry("nubicustos.io/credential", "someone-else");
    }

    @Test
    void scanJobsFollowTheirCredential() {
        secret("kube", "remote-cluster", Map.of("kubeconfig", TestCredentials.kubeconfig("nowhere")), Map.of());
        credential("""
                apiVersion: nubicustos.io/v1alpha1
                kind: CloudCredential
                metadata: {name: remote-cluster}
                spec: {provider: kubernetes, secretRef: {name: kube}}
                """);
        client.resource(client.getKubernetesSerialization().unmarshal("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: remote-audit}
                spec: {tool: kubescape, provider: kubernetes, credentialRef: {name: remote-cluster}}
                """, ScanJob.class)).inNamespace(NS).create();
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(scanCondition("remote-audit")).isEqualTo("False/CredentialInvalid"));
        assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();

        secret("kube", "remote-cluster", Map.of("kubeconfig", TestCredentials.kubeconfig("audit")), Map.of());
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(scanCondition("remote-audit")).isEqualTo("True/Resolved");
            assertThat(client.batch().v1().jobs().inNamespace(NS).withLabel("nubicustos.io/scanjob", "remote-audit").list().getItems())
                    .hasSize(1);
        });
    }

    String scanCondition(String name) {
        ScanJob s = client.resources(ScanJob.class).inNamespace(NS).withName(name).get();
        return s.getStatus() == null ? "none" : s.getStatus().getConditions().stream().filter(c -> c.getType().equals("CredentialResolved"))
                .map(c -> c.getStatus() + "/" + c.getReason()).findFirst().orElse("none");
    }

    @Test
    void plantedValuesNeverReachLogsEventsStatusOrMetricsWhetherValidOrNot() {
        List<String> planted = List.of(TestCredentials.PLANTED_KEY_ID, TestCredentials.PLANTED_SECRET_KEY,
                TestCredentials.PLANTED_AZURE_SECRET, "planted-kube-token");
        try (CapturedLogs logs = CapturedLogs.install()) {
            secret("leak-valid", "leak-a", Map.of("credentials", TestCredentials.awsCredentials("default", TestCredentials.PLANTED_KEY_ID,
                    TestCredentials.PLANTED_SECRET_KEY)), Map.of());
            secret("leak-invalid", "leak-b", Map.of("credentials", "[default]\naws_access_key_id = " + TestCredentials.PLANTED_SECRET_KEY
                    + "\naws_secret_access_key = " + TestCredentials.PLANTED_KEY_ID + "\n"), Map.of());
            secret("leak-azure", "leak-c", Map.of("certificate.pem", TestCredentials.PLANTED_AZURE_SECRET), Map.of());
            secret("leak-kube", "leak-d", Map.of("kubeconfig", TestCredentials.kubeconfig("missing")), Map.of());
            for (String yaml : List.of(
                    "{name: leak-a, spec: {provider: aws, secretRef: {name: leak-valid}, aws: {authMethod: static-keys}}}",
                    "{name: leak-b, spec: {provider: aws, secretRef: {name: leak-invalid}, aws: {authMethod: static-keys}}}",
                    "{name: leak-c, spec: {provider: azure, secretRef: {name: leak-azure}, azure: {authMethod: certificate, "
                            + "tenantId: 00000000-0000-0000-0000-000000000001, clientId: 00000000-0000-0000-0000-000000000002, "
                            + "subscriptionId: 00000000-0000-0000-0000-000000000003}}}",
                    "{name: leak-d, spec: {provider: kubernetes, secretRef: {name: leak-kube}}}")) {
                String name = yaml.substring(7, 13);
                String spec = yaml.substring(yaml.indexOf("spec:"), yaml.length() - 1);
                credential("apiVersion: nubicustos.io/v1alpha1\nkind: CloudCredential\nmetadata: {name: " + name + "}\n" + spec + "\n");
            }
            awaitValid("leak-a", "True", "Valid");
            awaitValid("leak-b", "False", "MalformedAwsCredentials");
            awaitValid("leak-c", "False", "MalformedCertificate");
            awaitValid("leak-d", "False", "MalformedKubeconfig");

            String everything = logs.all()
                    + client.getKubernetesSerialization().asYaml(client.v1().events().inNamespace(NS).list())
                    + client.getKubernetesSerialization().asYaml(client.resources(CloudCredential.class).inNamespace(NS).list())
                    + io.restassured.RestAssured.given().port(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class)).get("/q/metrics").asString();
            assertThat(logs.all()).as("the capture sees the operator's own lines")
                    .contains("CloudCredential creds/leak-b: invalid (MalformedAwsCredentials)");
            for (String value : planted) {
                assertThat(everything).as("planted %s", value).doesNotContain(value);
            }
        }
    }
}
