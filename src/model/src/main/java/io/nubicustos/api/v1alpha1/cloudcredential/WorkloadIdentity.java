package io.nubicustos.api.v1alpha1.cloudcredential;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.nubicustos.api.v1alpha1.common.Bounds;
import io.nubicustos.api.v1alpha1.common.Patterns;

/** The ServiceAccount scan pods run under, created or adopted by the operator, with the provider's annotations. */
public class WorkloadIdentity {

    @Required
    @Pattern(Patterns.DNS_SUBDOMAIN)
    @Size(max = Bounds.NAME)
    @JsonPropertyDescription("ServiceAccount name in the CloudCredential's namespace.")
    private String serviceAccountName;

    @JsonPropertyDescription("Annotations for the ServiceAccount, e.g. eks.amazonaws.com/role-arn, iam.gke.io/gcp-service-account, azure.workload.identity/client-id.")
    private Map<String, String> annotations = new LinkedHashMap<>();

    public String getServiceAccountName() {
        return serviceAccountName;
    }

    public void setServiceAccountName(String serviceAccountName) {
        this.serviceAccountName = serviceAccountName;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }
}
