package io.nubicustos.operator.cloudcredential;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialSpec;
import io.nubicustos.operator.scanjob.CredentialMount;

/** What of a credential's Secret is read: the keys it names, their bytes (data decoded, stringData as UTF-8). */
final class SecretData {

    private SecretData() {
    }

    /** The keys the credential names, or its provider's and method's usual ones. */
    static List<String> keys(CloudCredentialSpec spec) {
        return spec.getSecretRef().getKeys().isEmpty() ? CredentialMount.defaultKeys(spec) : spec.getSecretRef().getKeys();
    }

    static Map<String, byte[]> decode(Secret secret) {
        Map<String, byte[]> data = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, v == null ? new byte[0] : Base64.getDecoder().decode(v)));
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        return data;
    }
}
