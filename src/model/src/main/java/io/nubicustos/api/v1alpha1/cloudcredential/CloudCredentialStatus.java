package io.nubicustos.api.v1alpha1.cloudcredential;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

public class CloudCredentialStatus {

    @JsonPropertyDescription("Valid and RotationDue, with reasons such as SecretNotFound, KeyMissing, MalformedAwsCredentials.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("RFC 3339 time of the last validation.")
    private String lastValidated;

    @JsonPropertyDescription("Identifies the Secret version (keyed hash of its uid and resourceVersion); reveals nothing of its content.")
    private String fingerprint;

    @JsonPropertyDescription("Days since the Secret was created or last rotated.")
    private Long ageDays;

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

    public String getLastValidated() {
        return lastValidated;
    }

    public void setLastValidated(String lastValidated) {
        this.lastValidated = lastValidated;
    }

    public String getFingerprint() {
        return fingerprint;
    }

    public void setFingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    public Long getAgeDays() {
        return ageDays;
    }

    public void setAgeDays(Long ageDays) {
        this.ageDays = ageDays;
    }
}
