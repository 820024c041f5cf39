package io.nubicustos.operator.scanjob;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.nubicustos.api.v1alpha1.cloudcredential.AwsAuthMethod;
import io.nubicustos.api.v1alpha1.cloudcredential.AzureAuthMethod;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialSpec;
import io.nubicustos.api.v1alpha1.cloudcredential.GcpAuthMethod;

/**
 * How a CloudCredential reaches the tool container: the Secret's keys as read-only files under
 * {@value #DIR} (mode 0400), environment variables that name those files or carry non-secret
 * identifiers (tenant, project, region) — never a secret value — and, for workload identity, the
 * ServiceAccount the pod runs under.
 */
public record CredentialMount(Optional<String> secretName, List<KeyToPath> items, List<EnvVar> env,
        Optional<String> serviceAccountName) {

    public static final String DIR = "/credentials";
    public static final int FILE_MODE = 0400;

    public static CredentialMount none() {
        return new CredentialMount(Optional.empty(), List.of(), List.of(), Optional.empty());
    }

    public static CredentialMount of(CloudCredential credential) {
        CloudCredentialSpec spec = credential.getSpec();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(spec.getSecretRef() == null || spec.getSecretRef().getKeys().isEmpty()
                ? defaultKeys(spec) : spec.getSecretRef().getKeys());
        switch (spec.getProvider()) {
            case AWS -> {
                fileEnv(env, keys, "credentials", "AWS_SHARED_CREDENTIALS_FILE");
                fileEnv(env, keys, "config", "AWS_CONFIG_FILE");
                if (spec.getAws() != null) {
                    putIfSet(env, "AWS_PROFILE", spec.getAws().getProfile());
                    putIfSet(env, "AWS_DEFAULT_REGION", spec.getAws().getRegion());
                }
            }
            case AZURE -> {
                if (spec.getAzure() != null) {
                    putIfSet(env, "AZURE_TENANT_ID", spec.getAzure().getTenantId());
                    putIfSet(env, "AZURE_CLIENT_ID", spec.getAzure().getClientId());
                    putIfSet(env, "AZURE_SUBSCRIPTION_ID", spec.getAzure().getSubscriptionId());
                    if (spec.getAzure().getAuthMethod() == AzureAuthMethod.CERTIFICATE && !keys.isEmpty()) {
                        env.put("AZURE_CLIENT_CERTIFICATE_PATH", DIR + "/" + keys.get(0));
                    }
                    if (spec.getAzure().getAuthMethod() == AzureAuthMethod.CLIENT_SECRET && !keys.isEmpty()) {
                        env.put("AZURE_CLIENT_SECRET_FILE", DIR + "/" + keys.get(0));
                    }
                }
            }
            case GCP -> {
                if (spec.getGcp() != null) {
                    putIfSet(env, "CLOUDSDK_CORE_PROJECT", spec.getGcp().getProjectId());
                }
                if (!keys.isEmpty()) {
                    env.put("GOOGLE_APPLICATION_CREDENTIALS", DIR + "/" + keys.get(0));
                }
            }
            case KUBERNETES -> {
                if (!keys.isEmpty()) {
                    env.put("KUBECONFIG", DIR + "/" + keys.get(0));
                }
            }
        }
        List<KeyToPath> items = keys.stream()
                .map(k -> new KeyToPath(k, FILE_MODE, k))
                .toList();
        List<EnvVar> vars = env.entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList();
        Optional<String> secret = spec.getSecretRef() == null ? Optional.empty() : Optional.of(spec.getSecretRef().getName());
        Optional<String> serviceAccount = Optional.ofNullable(spec.getWorkloadIdentity())
                .map(w -> w.getServiceAccountName());
        return new CredentialMount(secret, secret.isPresent() ? items : List.of(), vars, serviceAccount);
    }

    /** The keys a provider's tools read when the CloudCredential does not list them. */
    public static List<String> defaultKeys(CloudCredentialSpec spec) {
        if (spec.getSecretRef() == null) {
            return List.of();
        }
        return switch (spec.getProvider()) {
            case AWS -> spec.getAws() != null && spec.getAws().getAuthMethod() == AwsAuthMethod.ASSUME_ROLE
                    ? List.of("credentials", "config") : List.of("credentials");
            case AZURE -> spec.getAzure() != null && spec.getAzure().getAuthMethod() == AzureAuthMethod.CERTIFICATE
                    ? List.of("certificate.pem") : List.of("clientSecret");
            case GCP -> spec.getGcp() == null || spec.getGcp().getAuthMethod() == GcpAuthMethod.SERVICE_ACCOUNT_KEY
                    ? List.of("key.json") : List.of();
            case KUBERNETES -> List.of("kubeconfig");
        };
    }

    private static void fileEnv(Map<String, String> env, List<String> keys, String key, String variable) {
        if (keys.contains(key)) {
            env.put(variable, DIR + "/" + key);
        }
    }

    private static void putIfSet(Map<String, String> env, String name, String value) {
        if (value != null && !value.isBlank()) {
            env.put(name, value);
        }
    }
}
