package io.nubicustos.operator.scanjob;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nubicustos.model.kubernetes.Labels;
import io.nubicustos.operator.config.ScanSettings;

/**
 * The key upload tokens are signed with, shared with the findings API through one Secret in the
 * operator's namespace. Created with 32 random bytes if absent (Helm may also provide it); read once.
 */
@ApplicationScoped
public class UploadKeyStore {

    static final String KEY = "key";

    private final KubernetesClient client;
    private final ScanSettings settings;
    private volatile byte[] key;

    public UploadKeyStore(KubernetesClient client, ScanSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    public byte[] key() {
        byte[] current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = load();
                }
                current = key;
            }
        }
        return current;
    }

    private byte[] load() {
        var secrets = client.secrets().inNamespace(settings.operatorNamespace()).withName(settings.uploadKeySecret());
        Secret secret = secrets.get();
        if (secret == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                secret = client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(settings.uploadKeySecret())
                        .withNamespace(settings.operatorNamespace())
                        .addToLabels(Labels.MANAGED_BY, Labels.OPERATOR)
                        .endMetadata()
                        .withType("Opaque")
                        .withData(Map.of(KEY, Base64.getEncoder().encodeToString(fresh)))
                        .build()).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // Another replica created it first: use theirs.
                secret = secrets.get();
            }
        }
        String encoded = secret.getData() == null ? null : secret.getData().get(KEY);
        if (encoded == null) {
            throw new IllegalStateException("Secret " + settings.operatorNamespace() + "/" + settings.uploadKeySecret()
                    + " has no '" + KEY + "' entry");
        }
        return Base64.getDecoder().decode(encoded);
    }
}
