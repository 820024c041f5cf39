package io.nubicustos.findings.finding;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.nubicustos.findings.http.InvalidInput;

/**
 * Where a page ended: the sort key and id of its last row. A keyset, not an offset, so a page
 * deep into a million findings costs what the first one does, and rows inserted meanwhile never
 * shift a page.
 *
 * @param value the sort column's value: a severity rank, or epoch microseconds
 */
public record Cursor(FindingSort sort, long value, long id) {

    /** Epoch microseconds of 9999-12-31T23:59:59Z: no sort value of a real row lies outside [0, this]. */
    private static final long MAX_VALUE = 253_402_300_799_000_000L;

    public String encode() {
        String plain = "v1:" + sort.id() + ":" + value + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String text, FindingSort expected) {
        if (text.length() > 200) {
            throw new InvalidInput("cursor is not valid");
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":", -1);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("cursor is not valid");
        }
        if (parts.length != 4 || !parts[0].equals("v1")) {
            throw new InvalidInput("cursor is not valid");
        }
        if (!parts[1].equals(expected.id())) {
            throw new InvalidInput("cursor belongs to another sort order");
        }
        long value;
        long id;
        try {
            value = Long.parseLong(parts[2]);
            id = Long.parseLong(parts[3]);
        } catch (NumberFormatException e) {
            throw new InvalidInput("cursor is not valid");
        }
        // A tampered value (Long.MIN_VALUE as a timestamp) would overflow where it becomes a date.
        if (value < 0 || value > MAX_VALUE || id < 0) {
            throw new InvalidInput("cursor is not valid");
        }
        return new Cursor(expected, value, id);
    }
}
