package io.nubicustos.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The five severities every tool's own scale is mapped onto, most severe first. */
public enum Severity {
    @JsonProperty("critical") CRITICAL,
    @JsonProperty("high") HIGH,
    @JsonProperty("medium") MEDIUM,
    @JsonProperty("low") LOW,
    @JsonProperty("info") INFO;

    /** True when this severity is at least as severe as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }
}
