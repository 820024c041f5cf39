package io.nubicustos.findings.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Keys of graph nodes. Every asset belongs to one scope (the namespace of the ScanJobs that saw
 * it), so two tenants scanning one account build two graphs and a path never crosses tenants.
 */
public final class GraphKeys {

    private GraphKeys() {
    }

    /** An asset's key, also the id the API shows: opaque (no scope or ref to parse), URL-safe, of fixed length. */
    public static String asset(String scope, String ref) {
        return "as-" + digest(scope + "|" + ref);
    }

    public static String finding(String scope, String fingerprint) {
        return scope + "|" + fingerprint;
    }

    /** 24 hex digits of SHA-256: ids that are stable, opaque and collision-free in practice. */
    public static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
