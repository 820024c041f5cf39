package io.nubicustos.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a scan looks: a cloud account or a Kubernetes cluster. */
public enum Provider {
    @JsonProperty("aws") AWS,
    @JsonProperty("azure") AZURE,
    @JsonProperty("gcp") GCP,
    @JsonProperty("kubernetes") KUBERNETES;

    public boolean isCloud() {
        return this != KUBERNETES;
    }
}
