package io.nubicustos.api.v1alpha1.scanjob;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum ScanPhase {
    @JsonProperty("Pending") PENDING,
    @JsonProperty("Queued") QUEUED,
    @JsonProperty("Running") RUNNING,
    @JsonProperty("Succeeded") SUCCEEDED,
    @JsonProperty("Failed") FAILED,
    @JsonProperty("Suspended") SUSPENDED
}
