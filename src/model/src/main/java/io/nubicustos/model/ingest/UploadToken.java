package io.nubicustos.model.ingest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token a scan pod uploads its findings with: valid for one run of one ScanJob until it
 * expires. The operator signs it with a key it shares with the API (HMAC-SHA256); the API
 * verifies it, so a token for one run cannot write another. It carries no cloud credential.
 *
 * <p>Format: {@code v1.<base64url(payload)>.<base64url(hmac)>}, payload
 * {@code runId|namespace|scanJob|scanJobUid|expiresEpochSecond|scope|tool|provider}, scope {@code cluster}
 * when the run may report on the whole cluster (a cluster-scope namespace), else {@code namespace}:
 * then the API takes no Kubernetes object of another namespace from it. Tokens of earlier versions
 * lack tool and provider (6 fields), or also the scope (5 fields): those are namespace-scoped, and
 * the API takes the run's tool and provider from its first chunk, as it did then.
 *
 * @param clusterWide whether the run may report Kubernetes objects of other namespaces than its own
 * @param tool the ScanJob's tool, as the run is recorded under; null in an earlier version's token
 * @param provider the ScanJob's provider; null in an earlier version's token
 */
public record UploadToken(String runId, String namespace, String scanJob, String scanJobUid, Instant expiresAt, boolean clusterWide,
        String tool, String provider) {

    private static final String CLUSTER = "cluster";
    private static final String NAMESPACE = "namespace";

    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9-]{1,32}");

    /** A namespace-scoped token that names no tool or provider (as earlier versions signed them). */
    public UploadToken(String runId, String namespace, String scanJob, String scanJobUid, Instant expiresAt) {
        this(runId, namespace, scanJob, scanJobUid, expiresAt, false);
    }

    /** A token that names no tool or provider (as earlier versions signed them). */
    public UploadToken(String runId, String namespace, String scanJob, String scanJobUid, Instant expiresAt, boolean clusterWide) {
        this(runId, namespace, scanJob, scanJobUid, expiresAt, clusterWide, null, null);
    }

    public UploadToken {
        for (String part : new String[] { runId, namespace, scanJob, scanJobUid }) {
            if (part == null || part.isEmpty() || part.contains("|")) {
                throw new IllegalArgumentException("token fields must be non-empty and free of '|'");
            }
        }
        if ((tool == null) != (provider == null) || (tool != null && !(NAME.matcher(tool).matches() && NAME.matcher(provider).matches()))) {
            throw new IllegalArgumentException("a token names both tool and provider, as lower-case names, or neither");
        }
    }

    public String sign(byte[] key) {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(payload().getBytes(StandardCharsets.UTF_8));
        return VERSION + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, payload));
    }

    /** The token's claims if the signature holds and it has not expired at {@code now}; empty otherwise. */
    public static Optional<UploadToken> verify(String token, byte[] key, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.trim().split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        byte[] expected = mac(key, parts[1]);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.empty();
        }
        String[] fields = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).split("\\|", -1);
        if (fields.length != 5 && !((fields.length == 6 || fields.length == 8) && (CLUSTER.equals(fields[5]) || NAMESPACE.equals(fields[5])))) {
            return Optional.empty();
        }
        UploadToken claims;
        try {
            claims = new UploadToken(fields[0], fields[1], fields[2], fields[3], Instant.ofEpochSecond(Long.parseLong(fields[4])),
                    fields.length >= 6 && CLUSTER.equals(fields[5]), fields.length == 8 ? fields[6] : null, fields.length == 8 ? fields[7] : null);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return now.isBefore(claims.expiresAt()) ? Optional.of(claims) : Optional.empty();
    }

    private String payload() {
        String claims = String.join("|", runId, namespace, scanJob, scanJobUid, Long.toString(expiresAt.getEpochSecond()),
                clusterWide ? CLUSTER : NAMESPACE);
        return tool == null ? claims : claims + "|" + tool + "|" + provider;
    }

    private static byte[] mac(byte[] key, String payload) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the upload signing key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }

    @Override
    public String toString() {
        // Claims only; the signature never leaves sign().
        return "UploadToken[run=" + runId + ", scanJob=" + namespace + "/" + scanJob + ", expiresAt=" + expiresAt + "]";
    }
}
