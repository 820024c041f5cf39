package io.nubicustos.api.v1alpha1.scanjob;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How thorough a run is: each tool's catalogue entry maps a profile to its arguments. */
public enum Profile {
    @JsonProperty("quick") QUICK,
    @JsonProperty("comprehensive") COMPREHENSIVE,
    @JsonProperty("compliance-only") COMPLIANCE_ONLY
}
