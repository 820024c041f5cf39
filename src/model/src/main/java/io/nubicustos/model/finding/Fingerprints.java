package io.nubicustos.model.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The identity of a finding: canonical control, account and resource, hashed. Not the tool, not
 * the text, not the time, so that it is stable across runs and tools (Prowler and ScoutSuite
 * reporting the same public bucket make one finding).
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String of(String control, String account, String resource) {
        String key = String.join("\u001f", normalize(control), normalize(account), normalize(resource));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String normalize(String part) {
        return part == null ? "" : part.strip().toLowerCase(Locale.ROOT);
    }
}
