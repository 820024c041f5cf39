package io.nubicustos.api.v1alpha1.networksegment;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum IssuerKind {
    @JsonProperty("Issuer") ISSUER,
    @JsonProperty("ClusterIssuer") CLUSTER_ISSUER
}
