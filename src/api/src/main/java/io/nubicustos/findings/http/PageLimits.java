package io.nubicustos.findings.http;

/** The {@code limit} parameter of every paged list: digits only, 1..max, the default when absent. */
public final class PageLimits {

    private PageLimits() {
    }

    public static int parse(String text, int defaultSize, int maxSize) {
        if (text == null || text.isEmpty()) {
            return defaultSize;
        }
        if (!text.matches("[0-9]{1,6}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > maxSize) {
            throw new InvalidInput("limit must be a number between 1 and " + maxSize);
        }
        return Integer.parseInt(text);
    }
}
