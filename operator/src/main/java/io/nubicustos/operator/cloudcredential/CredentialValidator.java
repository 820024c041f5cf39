package io.nubicustos.operator.cloudcredential;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.nubicustos.api.v1alpha1.cloudcredential.AwsAuthMethod;
import io.nubicustos.api.v1alpha1.cloudcredential.AzureAuthMethod;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialSpec;
import io.nubicustos.api.v1alpha1.cloudcredential.GcpAuthMethod;
import io.nubicustos.api.v1alpha1.common.Patterns;

/**
 * Checks that a Secret holds a usable credential of the CloudCredential's provider and method,
 * offline (no call to any cloud). A pure function of the spec and the Secret's data; what it
 * returns names keys, profiles and fields, and never contains a byte of the data.
 */
public final class CredentialValidator {

    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}");
    private static final Pattern SECRET_ACCESS_KEY = Pattern.compile("[A-Za-z0-9/+=]{40}");
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AZURE_CLIENT_SECRET = Pattern.compile("[A-Za-z0-9._~+/=-]{32,44}");

    private CredentialValidator() {
    }

    /**
     * @param data the Secret's data, decoded; empty when the method needs no Secret
     * @param keys the keys the CloudCredential uses
     * @param annotations the workload-identity annotations of the spec
     */
    public static CredentialCheck check(CloudCredentialSpec spec, Map<String, byte[]> data, List<String> keys,
            Map<String, String> annotations) {
        for (String key : keys) {
            if (!data.containsKey(key)) {
                return CredentialCheck.invalid("KeyMissing", "the Secret has no key '" + key + "'");
            }
            if (data.get(key).length == 0) {
                return CredentialCheck.invalid("KeyEmpty", "key '" + key + "' of the Secret is empty");
            }
        }
        return switch (spec.getProvider()) {
            case AWS -> aws(spec, data, annotations);
            case AZURE -> azure(spec, data, keys, annotations);
            case GCP -> gcp(spec, data, keys, annotations);
            case KUBERNETES -> kubernetes(spec, data, keys);
        };
    }

    private static CredentialCheck aws(CloudCredentialSpec spec, Map<String, byte[]> data, Map<String, String> annotations) {
        AwsAuthMethod method = spec.getAws() == null ? AwsAuthMethod.STATIC_KEYS : spec.getAws().getAuthMethod();
        String profile = spec.getAws() == null || spec.getAws().getProfile() == null ? "default" : spec.getAws().getProfile();
        if (method == AwsAuthMethod.WORKLOAD_IDENTITY) {
            String role = annotations.get("eks.amazonaws.com/role-arn");
            if (role != null && !role.matches(Patterns.AWS_ROLE_ARN)) {
                return CredentialCheck.invalid("MalformedWorkloadIdentity", "annotation eks.amazonaws.com/role-arn is not an IAM role ARN");
            }
            return CredentialCheck.ok("WorkloadIdentity", role != null ? "IRSA: the scan ServiceAccount assumes the annotated role"
                    : "EKS Pod Identity: the association is managed in EKS, outside the cluster");
        }
        if (method == AwsAuthMethod.ASSUME_ROLE) {
            if (!data.containsKey("config")) {
                return CredentialCheck.invalid("KeyMissing", "role assumption needs an AWS config file under key 'config'");
            }
            IniFile config = IniFile.parse(text(data.get("config")));
            String sectionName = profile.equals("default") ? "default" : "profile " + profile;
            Optional<Map<String, String>> section = config.section(sectionName);
            if (section.isEmpty()) {
                return CredentialCheck.invalid("MalformedAwsConfig", "config has no [" + sectionName + "] section");
            }
            String roleArn = section.get().get("role_arn");
            if (roleArn == null || !roleArn.matches(Patterns.AWS_ROLE_ARN)) {
                return CredentialCheck.invalid("MalformedAwsConfig", "config [" + sectionName + "] has no role_arn of the form arn:aws:iam::<account>:role/<name>");
            }
            String source = section.get().get("source_profile");
            if (source == null && section.get().get("credential_source") == null) {
                return CredentialCheck.invalid("MalformedAwsConfig", "config [" + sectionName + "] needs source_profile or credential_source");
            }
            if (source != null) {
                CredentialCheck keys = staticKeys(data, source, "the source_profile of [" + sectionName + "]");
                if (!keys.valid()) {
                    return keys;
                }
            }
            return CredentialCheck.ok("Valid", "role assumption through profile " + profile);
        }
        return staticKeys(data, profile, "[" + profile + "]");
    }

    /** @param label how messages name the profile: names from the spec may be repeated, names read from the Secret not */
    private static CredentialCheck staticKeys(Map<String, byte[]> data, String profile, String label) {
        if (!data.containsKey("credentials")) {
            return CredentialCheck.invalid("KeyMissing", "static keys need an AWS credentials file under key 'credentials'");
        }
        IniFile credentials = IniFile.parse(text(data.get("credentials")));
        Optional<Map<String, String>> section = credentials.section(profile);
        if (section.isEmpty()) {
            return CredentialCheck.invalid("MalformedAwsCredentials", "credentials has no profile " + label);
        }
        String id = section.get().get("aws_access_key_id");
        if (id == null || !ACCESS_KEY_ID.matcher(id).matches()) {
            return CredentialCheck.invalid("MalformedAwsCredentials",
                    "credentials " + label + " aws_access_key_id is missing or not of the form AKIA/ASIA + 16 characters");
        }
        String secret = section.get().get("aws_secret_access_key");
        if (secret == null || !SECRET_ACCESS_KEY.matcher(secret).matches()) {
            return CredentialCheck.invalid("MalformedAwsCredentials",
                    "credentials " + label + " aws_secret_access_key is missing or not 40 base64 characters");
        }
        if (id.startsWith("ASIA") && section.get().get("aws_session_token") == null) {
            return CredentialCheck.invalid("MalformedAwsCredentials",
                    "credentials " + label + " holds temporary keys (ASIA...) without aws_session_token");
        }
        return CredentialCheck.ok("Valid", "static keys of profile " + label);
    }

    private static CredentialCheck azure(CloudCredentialSpec spec, Map<String, byte[]> data, List<String> keys,
            Map<String, String> annotations) {
        AzureAuthMethod method = spec.getAzure().getAuthMethod();
        return switch (method) {
            case CLIENT_SECRET -> keys.isEmpty() ? CredentialCheck.invalid("KeyMissing", "client-secret needs the secret's key")
                    : clientSecret(keys.get(0), text(data.get(keys.get(0))));
            case CERTIFICATE -> keys.isEmpty() ? CredentialCheck.invalid("KeyMissing", "certificate needs a PEM key")
                    : certificateAndKey(keys.get(0), text(data.get(keys.get(0))));
            case MANAGED_IDENTITY -> CredentialCheck.ok("ManagedIdentity", "the node's or pod's managed identity");
            case WORKLOAD_IDENTITY -> annotations.containsKey("azure.workload.identity/client-id") || spec.getAzure().getClientId() != null
                    ? CredentialCheck.ok("WorkloadIdentity", "Azure workload identity federated with the scan ServiceAccount")
                    : CredentialCheck.invalid("MalformedWorkloadIdentity", "workload identity needs clientId or the azure.workload.identity/client-id annotation");
        };
    }

    /**
     * An Entra ID client secret is one line of 32 to 44 characters of a small alphabet (today's are
     * 40 with "Q~" at the fourth place): a database password, a token or a file put there by mistake
     * is refused before it reaches a scan pod.
     */
    private static CredentialCheck clientSecret(String key, String value) {
        if (!AZURE_CLIENT_SECRET.matcher(value.strip()).matches()) {
            return CredentialCheck.invalid("MalformedAzureClientSecret", "key '" + key
                    + "' does not hold an Azure client secret (one line of 32 to 44 letters, digits and . _ ~ - + / =)");
        }
        return CredentialCheck.ok("Valid", "service principal with a client secret (key '" + key + "')");
    }

    private static CredentialCheck certificateAndKey(String key, String pem) {
        java.security.cert.Certificate certificate = null;
        byte[] privateKey = null;
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                return CredentialCheck.invalid("MalformedCertificate", "key '" + key + "' has a PEM block that is not base64");
            }
            if (m.group(1).equals("CERTIFICATE") && certificate == null) {
                try {
                    certificate = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
                } catch (CertificateException e) {
                    return CredentialCheck.invalid("MalformedCertificate", "key '" + key + "' has a CERTIFICATE that does not parse");
                }
            } else if (m.group(1).endsWith("PRIVATE KEY")) {
                if (!m.group(1).equals("PRIVATE KEY")) {
                    return CredentialCheck.invalid("MalformedCertificate", "key '" + key
                            + "' has a " + m.group(1) + "; an unencrypted PKCS#8 PRIVATE KEY is expected");
                }
                privateKey = der;
            }
        }
        if (certificate == null || privateKey == null) {
            return CredentialCheck.invalid("MalformedCertificate", "key '" + key + "' must hold a PEM CERTIFICATE and its PRIVATE KEY");
        }
        if (!KeyPairs.match(certificate.getPublicKey(), privateKey)) {
            return CredentialCheck.invalid("CertificateKeyMismatch", "key '" + key
                    + "' holds a PRIVATE KEY that is not the CERTIFICATE's (or does not parse as RSA or EC)");
        }
        return CredentialCheck.ok("Valid", "service principal with a certificate (key '" + key + "')");
    }

    private static CredentialCheck gcp(CloudCredentialSpec spec, Map<String, byte[]> data, List<String> keys,
            Map<String, String> annotations) {
        GcpAuthMethod method = spec.getGcp() == null ? GcpAuthMethod.SERVICE_ACCOUNT_KEY : spec.getGcp().getAuthMethod();
        if (method == GcpAuthMethod.WORKLOAD_IDENTITY) {
            return annotations.containsKey("iam.gke.io/gcp-service-account") || spec.getGcp().getServiceAccountEmail() != null
                    ? CredentialCheck.ok("WorkloadIdentity", "GKE workload identity")
                    : CredentialCheck.invalid("MalformedWorkloadIdentity",
                            "workload identity needs serviceAccountEmail or the iam.gke.io/gcp-service-account annotation");
        }
        if (keys.isEmpty()) {
            return CredentialCheck.invalid("KeyMissing", "a service-account key needs the Secret's key holding key.json");
        }
        String key = keys.get(0);
        JsonNode json;
        try {
            json = JSON.readTree(data.get(key));
        } catch (java.io.IOException e) {
            return CredentialCheck.invalid("MalformedGcpKey", "key '" + key + "' is not JSON");
        }
        if (json == null || !"service_account".equals(json.path("type").asText())) {
            return CredentialCheck.invalid("MalformedGcpKey", "key '" + key + "' is not a service-account key (type must be service_account)");
        }
        if (!json.path("client_email").asText().contains("@")) {
            return CredentialCheck.invalid("MalformedGcpKey", "key '" + key + "' has no client_email");
        }
        Matcher pem = PEM.matcher(json.path("private_key").asText());
        if (!pem.find() || !pem.group(1).equals("PRIVATE KEY")) {
            return CredentialCheck.invalid("MalformedGcpKey", "key '" + key + "' has no PEM private_key");
        }
        try {
            KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.group(2))));
        } catch (Exception e) {
            return CredentialCheck.invalid("MalformedGcpKey", "key '" + key + "' private_key does not parse as an RSA key");
        }
        return CredentialCheck.ok("Valid", "service-account key (key '" + key + "')");
    }

    private static CredentialCheck kubernetes(CloudCredentialSpec spec, Map<String, byte[]> data, List<String> keys) {
        if (keys.isEmpty()) {
            return CredentialCheck.invalid("KeyMissing", "a kubeconfig needs the Secret's key holding it");
        }
        String key = keys.get(0);
        Config config;
        try {
            config = KubeConfigUtils.parseConfigFromString(text(data.get(key)));
        } catch (RuntimeException e) {
            return CredentialCheck.invalid("MalformedKubeconfig", "key '" + key + "' is not a kubeconfig");
        }
        boolean named = spec.getKubernetes() != null && spec.getKubernetes().getContext() != null;
        String context = named ? spec.getKubernetes().getContext() : config.getCurrentContext();
        String label = named ? "context " + context : "its current-context";
        if (context == null || context.isBlank()) {
            return CredentialCheck.invalid("MalformedKubeconfig", "key '" + key + "' names no current-context and spec.kubernetes.context is unset");
        }
        if (config.getContexts() == null || config.getContexts().stream().noneMatch(c -> context.equals(c.getName()))) {
            return CredentialCheck.invalid("MalformedKubeconfig", "key '" + key + "' does not define " + label);
        }
        return CredentialCheck.ok("Valid", "kubeconfig, " + label);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
