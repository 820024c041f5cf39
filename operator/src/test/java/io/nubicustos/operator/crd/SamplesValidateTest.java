package io.nubicustos.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialValidator;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentValidator;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobValidator;
import io.nubicustos.operator.crd.RepositoryFiles.Document;

/** Every sample a user may `kubectl apply` passes the generated CRD schema and the operator's own checks. */
class SamplesValidateTest {

    private static final CrdSchemaValidator SCHEMAS = new CrdSchemaValidator();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static final CrdSchemaValidator CERT_MANAGER_SCHEMAS = new CrdSchemaValidator(Map.of(
            "Certificate", RepositoryFiles.fixtureCrd("cert-manager.io_certificates.yaml"),
            "ClusterIssuer", RepositoryFiles.fixtureCrd("cert-manager.io_clusterissuers.yaml"),
            "Issuer", RepositoryFiles.fixtureCrd("cert-manager.io_issuers.yaml")));

    static Stream<Document> samples() {
        return RepositoryFiles.documents("config/samples").stream().filter(d -> SCHEMAS.knows(d.kind()));
    }

    /** The internal CA the management segment's certificates come from. */
    static Stream<Document> certManagerSamples() {
        return RepositoryFiles.documents("config/samples").stream()
                .filter(d -> d.content().path("apiVersion").asText().startsWith("cert-manager.io/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleMatchesTheGeneratedSchema(Document sample) {
        assertThat(SCHEMAS.violations(sample.content())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void samplePassesTheOperatorsValidation(Document sample) {
        String json = sample.content().toString();
        List<String> problems = switch (sample.kind()) {
            case "ScanJob" -> ScanJobValidator.validate(SERIALIZATION.unmarshal(json, ScanJob.class).getSpec());
            case "CloudCredential" -> CloudCredentialValidator.validate(SERIALIZATION.unmarshal(json, CloudCredential.class).getSpec());
            case "NetworkSegment" -> NetworkSegmentValidator.validate(SERIALIZATION.unmarshal(json, NetworkSegment.class));
            default -> throw new IllegalArgumentException(sample.kind());
        };
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certManagerSamples")
    void certManagerSampleMatchesCertManagersOwnSchema(Document sample) {
        assertThat(CERT_MANAGER_SCHEMAS.knows(sample.kind())).as(sample.toString()).isTrue();
        assertThat(CERT_MANAGER_SCHEMAS.violations(sample.content())).isEmpty();
    }

    @Test
    void samplesCoverWhatTheReadmePromises() {
        List<Document> all = samples().toList();
        assertThat(all.stream().filter(d -> d.kind().equals("NetworkSegment")).map(d -> d.content().at("/metadata/name").asText()))
                .containsExactlyInAnyOrder("development", "testing", "staging", "production", "management");
        assertThat(all.stream().filter(d -> d.kind().equals("ScanJob")).map(d -> d.content().at("/spec/tool").asText()))
                .contains("prowler", "scoutsuite", "trivy", "kube-bench", "kubescape", "checkov", "kubernetes");
        assertThat(all.stream().filter(d -> d.kind().equals("CloudCredential"))
                .map(d -> d.content().at("/spec/provider").asText() + "/" + method(d)))
                .contains("aws/static-keys", "aws/assume-role", "aws/workload-identity", "azure/client-secret",
                        "gcp/service-account-key", "gcp/workload-identity");
    }

    @Test
    void everyCredentialSampleNamesASecretThatTheSamplesDefineOrUsesWorkloadIdentity() {
        List<String> secrets = RepositoryFiles.documents("config/samples").stream().filter(d -> d.kind().equals("Secret"))
                .map(d -> d.content().at("/metadata/name").asText()).toList();
        samples().filter(d -> d.kind().equals("CloudCredential")).forEach(d -> {
            String secret = d.content().at("/spec/secretRef/name").asText();
            assertThat(secret.isEmpty() ? d.content().has("spec") && d.content().get("spec").has("workloadIdentity")
                    : secrets.contains(secret)).as(d.toString()).isTrue();
        });
    }

    private static String method(Document d) {
        var spec = d.content().get("spec");
        String provider = spec.path("provider").asText();
        return spec.path(provider).path("authMethod").asText("static-keys");
    }
}
