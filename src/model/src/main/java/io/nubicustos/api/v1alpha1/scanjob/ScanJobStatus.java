package io.nubicustos.api.v1alpha1.scanjob;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

public class ScanJobStatus {

    @JsonPropertyDescription("Pending, Queued, Running, Succeeded, Failed or Suspended.")
    private ScanPhase phase;

    @JsonPropertyDescription("Ready, CredentialResolved, Running, Succeeded, Failed, with reasons.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("The latest run, finished or not.")
    private RunSummary lastRun;

    @JsonPropertyDescription("RFC 3339 time the waiting run was queued behind the concurrency limit.")
    private String queuedAt;

    @JsonPropertyDescription("RFC 3339 time of the next scheduled run.")
    private String nextRunAt;

    @JsonPropertyDescription("Recent runs, newest first, bounded by historyLimit.")
    private List<RunSummary> history = new ArrayList<>();

    public ScanPhase getPhase() {
        return phase;
    }

    public void setPhase(ScanPhase phase) {
        this.phase = phase;
    }

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

    public RunSummary getLastRun() {
        return lastRun;
    }

    public void setLastRun(RunSummary lastRun) {
        this.lastRun = lastRun;
    }

    public String getQueuedAt() {
        return queuedAt;
    }

    public void setQueuedAt(String queuedAt) {
        this.queuedAt = queuedAt;
    }

    public String getNextRunAt() {
        return nextRunAt;
    }

    public void setNextRunAt(String nextRunAt) {
        this.nextRunAt = nextRunAt;
    }

    public List<RunSummary> getHistory() {
        return history;
    }

    public void setHistory(List<RunSummary> history) {
        this.history = history;
    }
}
