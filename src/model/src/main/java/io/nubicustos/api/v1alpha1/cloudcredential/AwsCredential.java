package io.nubicustos.api.v1alpha1.cloudcredential;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.nubicustos.api.v1alpha1.common.Patterns;

@ValidationRule(value = CloudCredentialRules.AWS_ASSUME_ROLE_NEEDS_ARN, message = CloudCredentialRules.AWS_ASSUME_ROLE_NEEDS_ARN_MESSAGE)
@ValidationRule(value = CloudCredentialRules.AWS_EXTERNAL_ID_NEEDS_ROLE, message = CloudCredentialRules.AWS_EXTERNAL_ID_NEEDS_ROLE_MESSAGE)
public class AwsCredential {

    /** AWS's own limit for sts:ExternalId. */
    public static final int EXTERNAL_ID_MAX_LENGTH = 1224;

    @Default("static-keys")
    @JsonPropertyDescription("static-keys, assume-role or workload-identity (IRSA / EKS Pod Identity).")
    private AwsAuthMethod authMethod = AwsAuthMethod.STATIC_KEYS;

    @Pattern("^[A-Za-z0-9_.-]{1,64}$")
    @JsonPropertyDescription("Profile of the credentials/config file to use. Default: default.")
    private String profile;

    @Pattern(Patterns.AWS_ROLE_ARN)
    @JsonPropertyDescription("Role to assume, e.g. arn:aws:iam::123456789012:role/SecurityAudit.")
    private String roleArn;

    // Length by minLength/maxLength: the API server compiles patterns as Go RE2, whose repeat counts stop at 1000.
    @Pattern(Patterns.AWS_EXTERNAL_ID)
    @Size(min = 2, max = EXTERNAL_ID_MAX_LENGTH)
    @JsonPropertyDescription("External id required by the role's trust policy (not a secret, but not logged either).")
    private String externalId;

    @Pattern(Patterns.REGION)
    @JsonPropertyDescription("Default region for API calls, e.g. eu-west-1.")
    private String region;

    public AwsAuthMethod getAuthMethod() {
        return authMethod;
    }

    public void setAuthMethod(AwsAuthMethod authMethod) {
        this.authMethod = authMethod;
    }

    public String getProfile() {
        return profile;
    }

    public void setProfile(String profile) {
        this.profile = profile;
    }

    public String getRoleArn() {
        return roleArn;
    }

    public void setRoleArn(String roleArn) {
        this.roleArn = roleArn;
    }

    public String getExternalId() {
        return externalId;
    }

    public void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }
}
