package io.nubicustos.findings.finding;

import io.nubicustos.findings.http.InvalidInput;

/** The orders the list offers; each has an index on (column, id) for its keyset. */
public enum FindingSort {
    SEVERITY_DESC("-severity", "severity", true),
    SEVERITY_ASC("severity", "severity", false),
    LAST_SEEN_DESC("-last_seen", "last_seen", true),
    LAST_SEEN_ASC("last_seen", "last_seen", false);

    private final String id;
    final String column;
    final boolean descending;

    FindingSort(String id, String column, boolean descending) {
        this.id = id;
        this.column = column;
        this.descending = descending;
    }

    public String id() {
        return id;
    }

    boolean timestamp() {
        return !column.equals("severity");
    }

    String orderBy() {
        String direction = descending ? " desc" : " asc";
        return column + direction + ", id" + direction;
    }

    /** Rows strictly after the cursor in this order. */
    String after() {
        return "(" + column + ", id) " + (descending ? "<" : ">") + " (?, ?)";
    }

    public static FindingSort parse(String text) {
        if (text == null || text.isBlank()) {
            return SEVERITY_DESC;
        }
        for (FindingSort s : values()) {
            if (s.id.equals(text)) {
                return s;
            }
        }
        throw new InvalidInput("sort must be one of severity, -severity, last_seen, -last_seen");
    }
}
