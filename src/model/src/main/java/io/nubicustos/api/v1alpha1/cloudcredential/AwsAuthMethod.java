package io.nubicustos.api.v1alpha1.cloudcredential;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum AwsAuthMethod {
    /** An INI credentials file with aws_access_key_id and aws_secret_access_key. */
    @JsonProperty("static-keys") STATIC_KEYS,
    /** A config file with role_arn and source_profile or credential_source. */
    @JsonProperty("assume-role") ASSUME_ROLE,
    /** IRSA or EKS Pod Identity: no Secret, a ServiceAccount annotation. */
    @JsonProperty("workload-identity") WORKLOAD_IDENTITY
}
