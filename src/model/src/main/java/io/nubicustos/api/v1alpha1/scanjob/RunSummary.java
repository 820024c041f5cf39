package io.nubicustos.api.v1alpha1.scanjob;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One run of a ScanJob, as its status reports it. */
public class RunSummary {

    @JsonPropertyDescription("Run id: unique per ScanJob, also the key of the run in the findings API.")
    private String id;

    @JsonPropertyDescription("Name of the batch/v1 Job of this run.")
    private String job;

    @JsonPropertyDescription("RFC 3339 time the run was scheduled for (scheduled ScanJobs only).")
    private String scheduledAt;

    @JsonPropertyDescription("RFC 3339 time the run's Job was created.")
    private String startedAt;

    @JsonPropertyDescription("RFC 3339 time the run finished, successfully or not.")
    private String completedAt;

    @JsonPropertyDescription("Succeeded, Failed or Cancelled once finished.")
    private String outcome;

    @JsonPropertyDescription("Findings of this run by severity, reported after ingest.")
    private FindingCounts findings;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public String getScheduledAt() {
        return scheduledAt;
    }

    public void setScheduledAt(String scheduledAt) {
        this.scheduledAt = scheduledAt;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public String getCompletedAt() {
        return completedAt;
    }

    public void setCompletedAt(String completedAt) {
        this.completedAt = completedAt;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public FindingCounts getFindings() {
        return findings;
    }

    public void setFindings(FindingCounts findings) {
        this.findings = findings;
    }
}
