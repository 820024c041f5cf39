package io.nubicustos.api.v1alpha1.common;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;

/** Parses the durations of the CRDs: Go-style ({@code 1h30m}, {@code 500ms}) plus days ({@code 90d}). */
public final class Durations {

    private static final java.util.regex.Pattern PART = java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h|d)");

    private Durations() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        Matcher m = PART.matcher(text);
        BigDecimal millis = BigDecimal.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            BigDecimal amount = new BigDecimal(m.group(1));
            long unit = switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1_000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                default -> 86_400_000L;
            };
            millis = millis.add(amount.multiply(BigDecimal.valueOf(unit)));
            end = m.end();
        }
        if (end != text.length()) {
            throw new IllegalArgumentException("malformed duration '" + text + "': expected e.g. 30m, 24h, 1h30m or 90d");
        }
        return Duration.ofMillis(millis.longValue());
    }
}
