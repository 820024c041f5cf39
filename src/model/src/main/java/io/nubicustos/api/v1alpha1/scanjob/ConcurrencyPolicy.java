package io.nubicustos.api.v1alpha1.scanjob;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a scheduled run does when the previous run of the same ScanJob is still active. */
public enum ConcurrencyPolicy {
    /** Skip the new run (the default: one run at a time per ScanJob). */
    @JsonProperty("Forbid") FORBID,
    /** Stop the active run and start the new one. */
    @JsonProperty("Replace") REPLACE
}
