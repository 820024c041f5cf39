package io.nubicustos.findings.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Generates API keys and hashes them with HMAC-SHA256 under the server's secret. Keys are
 * 256-bit random values, so a keyed fast hash is as strong as a slow one and keeps every request
 * cheap; without the secret, a database dump verifies nothing.
 *
 * <p>Format: {@code nbk_<id>_<secret>}: the 12-hex-digit id is what logs, audit events and the
 * key listing show; the secret is shown once, at creation.
 */
public final class ApiKeyHasher {

    private static final Pattern FORMAT = Pattern.compile("nbk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    private static final int MIN_SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec secret;

    public ApiKeyHasher(String hashSecret) {
        byte[] bytes = hashSecret == null ? new byte[0] : hashSecret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("nubicustos.api.key-hash-secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.secret = new SecretKeySpec(bytes, "HmacSHA256");
    }

    public byte[] hash(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return mac.doFinal(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time: the time taken does not depend on where the two hashes differ. */
    public boolean matches(String presented, byte[] storedHash) {
        return storedHash != null && MessageDigest.isEqual(hash(presented), storedHash);
    }

    /** A new key: its id and its full text. */
    public static NewKey generate() {
        byte[] id = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String keyId = HexFormat.of().formatHex(id);
        return new NewKey(keyId, "nbk_" + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The id part of a key in this project's format; empty for anything else. */
    public static Optional<String> idOf(String presented) {
        if (presented == null || presented.length() > 80) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(presented);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public record NewKey(String id, String key) {
        @Override
        public String toString() {
            return "NewKey[id=" + id + "]";
        }
    }
}
