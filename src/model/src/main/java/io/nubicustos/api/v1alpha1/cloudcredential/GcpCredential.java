package io.nubicustos.api.v1alpha1.cloudcredential;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.nubicustos.api.v1alpha1.common.Patterns;

public class GcpCredential {

    @Default("service-account-key")
    @JsonPropertyDescription("service-account-key or workload-identity.")
    private GcpAuthMethod authMethod = GcpAuthMethod.SERVICE_ACCOUNT_KEY;

    @Required
    @Pattern(Patterns.GCP_PROJECT_ID)
    @JsonPropertyDescription("Project to scan.")
    private String projectId;

    @Pattern("^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\\.iam\\.gserviceaccount\\.com$")
    @JsonPropertyDescription("GCP service account impersonated through workload identity.")
    private String serviceAccountEmail;

    public GcpAuthMethod getAuthMethod() {
        return authMethod;
    }

    public void setAuthMethod(GcpAuthMethod authMethod) {
        this.authMethod = authMethod;
    }

    public String getProjectId() {
        return projectId;
    }

    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    public String getServiceAccountEmail() {
        return serviceAccountEmail;
    }

    public void setServiceAccountEmail(String serviceAccountEmail) {
        this.serviceAccountEmail = serviceAccountEmail;
    }
}
