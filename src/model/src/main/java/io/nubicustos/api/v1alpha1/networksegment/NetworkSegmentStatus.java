package io.nubicustos.api.v1alpha1.networksegment;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

public class NetworkSegmentStatus {

    @JsonPropertyDescription("Ready, PoliciesApplied, CertificatesReady, CertManagerMissing.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Namespaces the selector matches, sorted.")
    private List<String> namespaces = new ArrayList<>();

    @JsonPropertyDescription("Number of namespaces matched.")
    private Integer namespaceCount;

    @JsonPropertyDescription("NetworkPolicies rendered.")
    private Integer policies;

    @JsonPropertyDescription("Certificates rendered.")
    private Integer certificates;

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<String> getNamespaces() {
        return namespaces;
    }

    public void setNamespaces(List<String> namespaces) {
        this.namespaces = namespaces;
    }

    public Integer getNamespaceCount() {
        return namespaceCount;
    }

    public void setNamespaceCount(Integer namespaceCount) {
        this.namespaceCount = namespaceCount;
    }

    public Integer getPolicies() {
        return policies;
    }

    public void setPolicies(Integer policies) {
        this.policies = policies;
    }

    public Integer getCertificates() {
        return certificates;
    }

    public void setCertificates(Integer certificates) {
        this.certificates = certificates;
    }
}
