package io.nubicustos.findings.attackpath;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.nubicustos.findings.http.InvalidInput;

/** Where a page of paths ended: the score and id of its last path. */
public record PathCursor(int score, String id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("p1:" + score + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static PathCursor decode(String text) {
        if (text.length() > 120) {
            throw new InvalidInput("cursor is not valid");
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":", -1);
            if (parts.length != 3 || !parts[0].equals("p1") || !parts[2].matches("ap-[0-9a-f]{24}")) {
                throw new InvalidInput("cursor is not valid");
            }
            return new PathCursor(Integer.parseInt(parts[1]), parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("cursor is not valid");
        }
    }
}
