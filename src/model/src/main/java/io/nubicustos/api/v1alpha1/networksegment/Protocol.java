package io.nubicustos.api.v1alpha1.networksegment;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum Protocol {
    @JsonProperty("TCP") TCP,
    @JsonProperty("UDP") UDP,
    @JsonProperty("SCTP") SCTP
}
