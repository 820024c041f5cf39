package io.nubicustos.api.v1alpha1.cloudcredential;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;

/** Another cluster to scan, through a kubeconfig held in the Secret. */
public class KubernetesCredential {

    @Pattern("^[A-Za-z0-9_.@:/-]{1,253}$")
    @JsonPropertyDescription("Context of the kubeconfig to use; default: its current-context.")
    private String context;

    public String getContext() {
        return context;
    }

    public void setContext(String context) {
        this.context = context;
    }
}
