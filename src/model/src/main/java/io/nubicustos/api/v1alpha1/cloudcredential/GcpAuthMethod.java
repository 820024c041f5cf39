package io.nubicustos.api.v1alpha1.cloudcredential;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum GcpAuthMethod {
    /** A service-account key file (JSON). */
    @JsonProperty("service-account-key") SERVICE_ACCOUNT_KEY,
    /** GKE workload identity: the pod's ServiceAccount impersonates a GCP service account. */
    @JsonProperty("workload-identity") WORKLOAD_IDENTITY
}
