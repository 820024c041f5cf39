package io.nubicustos.api.v1alpha1.cloudcredential;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.nubicustos.api.v1alpha1.common.Patterns;

@ValidationRule(value = CloudCredentialRules.AZURE_PRINCIPAL_NEEDS_IDS, message = CloudCredentialRules.AZURE_PRINCIPAL_NEEDS_IDS_MESSAGE)
public class AzureCredential {

    @Required
    @JsonPropertyDescription("client-secret, certificate, managed-identity or workload-identity.")
    private AzureAuthMethod authMethod;

    @Pattern(Patterns.UUID)
    @JsonPropertyDescription("Microsoft Entra tenant id.")
    private String tenantId;

    @Pattern(Patterns.UUID)
    @JsonPropertyDescription("Application (client) id of the service principal or managed identity.")
    private String clientId;

    @Required
    @Pattern(Patterns.UUID)
    @JsonPropertyDescription("Subscription to scan.")
    private String subscriptionId;

    public AzureAuthMethod getAuthMethod() {
        return authMethod;
    }

    public void setAuthMethod(AzureAuthMethod authMethod) {
        this.authMethod = authMethod;
    }

    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getSubscriptionId() {
        return subscriptionId;
    }

    public void setSubscriptionId(String subscriptionId) {
        this.subscriptionId = subscriptionId;
    }
}
