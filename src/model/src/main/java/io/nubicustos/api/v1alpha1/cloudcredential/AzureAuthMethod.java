package io.nubicustos.api.v1alpha1.cloudcredential;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum AzureAuthMethod {
    /** A service principal with a client secret. */
    @JsonProperty("client-secret") CLIENT_SECRET,
    /** A service principal with a PEM certificate and its private key. */
    @JsonProperty("certificate") CERTIFICATE,
    /** The managed identity of the node or pod. */
    @JsonProperty("managed-identity") MANAGED_IDENTITY,
    /** Azure AD workload identity federated with the pod's ServiceAccount. */
    @JsonProperty("workload-identity") WORKLOAD_IDENTITY;

    public boolean needsSecret() {
        return this == CLIENT_SECRET || this == CERTIFICATE;
    }
}
