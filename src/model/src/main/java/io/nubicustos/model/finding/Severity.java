package io.nubicustos.model.finding;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The five severities every tool's own scale is mapped onto ({@link SeverityMapping}), most severe
 * first. One spelling everywhere: the lower-case {@link #id()} in specs, uploads, answers and
 * exports; the {@link #rank()} where findings are stored.
 */
public enum Severity {
    @JsonProperty("critical") CRITICAL,
    @JsonProperty("high") HIGH,
    @JsonProperty("medium") MEDIUM,
    @JsonProperty("low") LOW,
    @JsonProperty("info") INFO;

    private static final Severity[] BY_RANK = { INFO, LOW, MEDIUM, HIGH, CRITICAL };

    /** True when this severity is at least as severe as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** critical, high, medium, low, info. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As stored: 4 critical … 0 info, so that descending order is most severe first. */
    public int rank() {
        return 4 - ordinal();
    }

    public static Severity ofRank(int rank) {
        return BY_RANK[rank];
    }

    /** One of the five ids (any case); empty for anything else. A tool's own words are {@link SeverityMapping}'s. */
    public static Optional<Severity> parse(String id) {
        if (id != null) {
            for (Severity s : values()) {
                if (s.name().equalsIgnoreCase(id.strip())) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    /** The ids, for messages that say what is accepted. */
    public static final String IDS = "critical, high, medium, low, info";
}
