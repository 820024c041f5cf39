package io.nubicustos.operator.cloudcredential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialSpec;
import io.nubicustos.operator.scanjob.CredentialMount;

/**
 * Each provider and method with good and bad Secrets. Whatever the verdict, the message names
 * keys and fields only: no planted value ever appears in it.
 */
class CredentialValidatorTest {

    static Arguments row(String name, String spec, Map<String, String> data, boolean valid, String reason) {
        return Arguments.of(name, spec, data, valid, reason);
    }

    static Stream<Arguments> table() {
        String aws = "{provider: aws, secretRef: {name: s}, aws: {authMethod: static-keys}}";
        String awsProfile = "{provider: aws, secretRef: {name: s}, aws: {authMethod: static-keys, profile: audit}}";
        String role = "{provider: aws, secretRef: {name: s}, aws: {authMethod: assume-role, profile: audit, roleArn: 'arn:aws:iam::123456789012:role/r'}}";
        String config = "[profile audit]\nrole_arn = arn:aws:iam::123456789012:role/SecurityAudit\nsource_profile = src\n";
        String azureSecret = "{provider: azure, secretRef: {name: s}, azure: {authMethod: client-secret, tenantId: 00000000-0000-0000-0000-000000000001, "
                + "clientId: 00000000-0000-0000-0000-000000000002, subscriptionId: 00000000-0000-0000-0000-000000000003}}";
        String azureCert = azureSecret.replace("client-secret", "certificate");
        String gcp = "{provider: gcp, secretRef: {name: s}, gcp: {projectId: my-project}}";
        String kube = "{provider: kubernetes, secretRef: {name: s}}";
        String plantedAws = TestCredentials.awsCredentials("default", TestCredentials.PLANTED_KEY_ID, TestCredentials.PLANTED_SECRET_KEY);
        return Stream.of(
                row("aws static keys", aws, Map.of("credentials", plantedAws), true, "Valid"),
                row("aws keys in another profile", awsProfile, Map.of("credentials", plantedAws), false, "MalformedAwsCredentials"),
                row("aws key id of the wrong shape", aws, Map.of("credentials",
                        TestCredentials.awsCredentials("default", "XKIA" + TestCredentials.PLANTED_KEY_ID.substring(4), TestCredentials.PLANTED_SECRET_KEY)),
                        false, "MalformedAwsCredentials"),
                row("aws secret key too short", aws, Map.of("credentials",
                        TestCredentials.awsCredentials("default", TestCredentials.PLANTED_KEY_ID, "short" + TestCredentials.PLANTED_KEY_ID)),
                        false, "MalformedAwsCredentials"),
                row("aws temporary keys without session token", aws, Map.of("credentials",
                        TestCredentials.awsCredentials("default", "ASIA" + TestCredentials.PLANTED_KEY_ID.substring(4), TestCredentials.PLANTED_SECRET_KEY)),
                        false, "MalformedAwsCredentials"),
                row("aws secret without the key", aws, Map.of("other", plantedAws), false, "KeyMissing"),
                row("aws garbage", aws, Map.of("credentials", "not an ini file " + TestCredentials.PLANTED_SECRET_KEY), false, "MalformedAwsCredentials"),
                row("aws role assumption", role, Map.of("credentials",
                        TestCredentials.awsCredentials("src", TestCredentials.PLANTED_KEY_ID, TestCredentials.PLANTED_SECRET_KEY), "config", config),
                        true, "Valid"),
                row("aws role without role_arn", role, Map.of("credentials", plantedAws, "config", "[profile audit]\nsource_profile = src\n"),
                        false, "MalformedAwsConfig"),
                row("aws role whose source profile is missing", role, Map.of("credentials", plantedAws, "config", config),
                        false, "MalformedAwsCredentials"),
                row("aws role without source", role, Map.of("credentials", plantedAws,
                        "config", "[profile audit]\nrole_arn = arn:aws:iam::123456789012:role/X\n"), false, "MalformedAwsConfig"),
                row("azure client secret", azureSecret, Map.of("clientSecret", TestCredentials.PLANTED_AZURE_SECRET), true, "Valid"),
                row("azure empty client secret", azureSecret, Map.of("clientSecret", ""), false, "KeyEmpty"),
                // The confused-deputy case: a database password put where a client secret belongs.
                row("azure client secret that is a password", azureSecret, Map.of("clientSecret", "Pl4nted!db-passw0rd ZZ9QX7W3K"), false,
                        "MalformedAzureClientSecret"),
                row("azure client secret that is a file", azureSecret, Map.of("clientSecret", plantedAws), false, "MalformedAzureClientSecret"),
                row("azure client secret of today's shape", azureSecret, Map.of("clientSecret", "Zq18Q~plantedAzureSecretZZ9QX7W3Kabcdefg"), true,
                        "Valid"),
                row("azure certificate with another key", azureCert, Map.of("certificate.pem", TestCredentials.azureCertificateWithAnotherKey()),
                        false, "CertificateKeyMismatch"),
                row("azure certificate with a PKCS#1 key", azureCert, Map.of("certificate.pem", TestCredentials.azureCertificate()
                        .replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY").replace("END PRIVATE KEY", "END RSA PRIVATE KEY")),
                        false, "MalformedCertificate"),
                row("azure certificate with key", azureCert, Map.of("certificate.pem", TestCredentials.azureCertificate()), true, "Valid"),
                row("azure certificate without key", azureCert, Map.of("certificate.pem",
                        TestCredentials.azureCertificate().substring(0, TestCredentials.azureCertificate().indexOf("-----BEGIN PRIVATE KEY"))),
                        false, "MalformedCertificate"),
                row("azure certificate that is not PEM", azureCert, Map.of("certificate.pem", TestCredentials.PLANTED_AZURE_SECRET),
                        false, "MalformedCertificate"),
                row("gcp service-account key", gcp, Map.of("key.json", TestCredentials.gcpKey("service_account")), true, "Valid"),
                row("gcp user credentials", gcp, Map.of("key.json", TestCredentials.gcpKey("authorized_user")), false, "MalformedGcpKey"),
                row("gcp key with broken private key", gcp, Map.of("key.json", TestCredentials.gcpKey("service_account")
                        .replace("MII", "XXX")), false, "MalformedGcpKey"),
                row("gcp not json", gcp, Map.of("key.json", "{" + TestCredentials.PLANTED_SECRET_KEY), false, "MalformedGcpKey"),
                row("kubeconfig", kube, Map.of("kubeconfig", TestCredentials.kubeconfig("audit")), true, "Valid"),
                row("kubeconfig naming a missing context", kube, Map.of("kubeconfig", TestCredentials.kubeconfig("nowhere")),
                        false, "MalformedKubeconfig"),
                row("kubeconfig that is not one", kube, Map.of("kubeconfig", "[[[" + TestCredentials.PLANTED_SECRET_KEY), false,
                        "MalformedKubeconfig"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void checksTheSecretAndNeverRepeatsIt(String name, String specYaml, Map<String, String> data, boolean valid, String reason) {
        CloudCredentialSpec spec = new KubernetesSerialization().unmarshal("---\n" + specYaml, CloudCredentialSpec.class);
        Map<String, byte[]> bytes = new HashMap<>();
        data.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        List<String> keys = CredentialMount.defaultKeys(spec);
        CredentialCheck check = CredentialValidator.check(spec, bytes, keys, Map.of());

        assertThat(check.valid()).as(check.message()).isEqualTo(valid);
        assertThat(check.reason()).isEqualTo(reason);
        for (String value : data.values()) {
            // Every value of an INI line, and any whole line that is not a section header, counts as planted.
            for (String line : value.split("\n")) {
                String planted = line.contains("=") ? line.substring(line.indexOf('=') + 1).strip()
                        : line.strip().startsWith("[") ? "" : line.strip();
                if (planted.length() >= 12) {
                    assertThat(check.message()).doesNotContain(planted);
                }
            }
        }
        assertThat(check.message()).doesNotContain(TestCredentials.PLANTED_KEY_ID).doesNotContain(TestCredentials.PLANTED_SECRET_KEY)
                .doesNotContain(TestCredentials.PLANTED_AZURE_SECRET).doesNotContain("planted-kube-token");
    }
}
