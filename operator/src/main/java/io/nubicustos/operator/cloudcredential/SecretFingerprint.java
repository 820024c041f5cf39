package io.nubicustos.operator.cloudcredential;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.fabric8.kubernetes.api.model.Secret;

/**
 * Identifies a version of a Secret without revealing anything about its content: a keyed hash of
 * the Secret's UID and resourceVersion (not of its data), so equal fingerprints mean "the same
 * Secret, unchanged", and nobody can test a guessed value against it.
 */
public final class SecretFingerprint {

    private SecretFingerprint() {
    }

    public static String of(Secret secret, byte[] operatorKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(operatorKey, "HmacSHA256"));
            mac.update("nubicustos/secret-fingerprint/v1|".getBytes(StandardCharsets.US_ASCII));
            byte[] digest = mac.doFinal((secret.getMetadata().getUid() + "|" + secret.getMetadata().getResourceVersion())
                    .getBytes(StandardCharsets.UTF_8));
            return "v1:" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
