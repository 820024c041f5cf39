package io.nubicustos.operator.cloudcredential;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Fake but well-formed credentials, each carrying a distinctive planted value to search for. */
public final class TestCredentials {

    static final String PLANTED_KEY_ID = "AKIAPLANTEDZZ9QX7W3K";
    static final String PLANTED_SECRET_KEY = "PlantedSecretKey0000ZZ9QX7W3KneverLOGme1";
    static final String PLANTED_AZURE_SECRET = "planted-azure-client-secret-ZZ9QX7W3K";

    private TestCredentials() {
    }

    static String awsCredentials(String profile, String keyId, String secretKey) {
        return "[" + profile + "]\naws_access_key_id = " + keyId + "\naws_secret_access_key = " + secretKey + "\n";
    }

    /** A fresh RSA private key as PEM (PKCS#8): nobody's certificate matches it. */
    static String privateKeyPem() {
        try {
            var pair = KeyPairGenerator.getInstance("RSA");
            pair.initialize(2048);
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test certificate with another key than its own. */
    static String azureCertificateWithAnotherKey() {
        String pem = azureCertificate();
        return pem.substring(0, pem.indexOf("-----BEGIN PRIVATE KEY")) + privateKeyPem();
    }

    static String gcpKey(String type) {
        {
            String pem = privateKeyPem();
            return "{\"type\": \"" + type + "\", \"project_id\": \"my-project\", \"client_email\": \"scanner@my-project.iam.gserviceaccount.com\","
                    + " \"private_key\": \"" + pem.replace("\n", "\\n") + "\"}";
        }
    }

    static String azureCertificate() {
        try (InputStream in = TestCredentials.class.getResourceAsStream("/credentials/azure-test-certificate.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String kubeconfig(String currentContext) {
        return """
                apiVersion: v1
                kind: Config
                clusters: [{name: remote, cluster: {server: "https://remote.example.com:6443"}}]
                users: [{name: auditor, user: {token: planted-kube-token-ZZ9QX7W3K}}]
                contexts: [{name: audit, context: {cluster: remote, user: auditor}}]
                current-context: %s
                """.formatted(currentContext);
    }
}
