package io.nubicustos.findings.graph;

/**
 * What the graph keeps of a finding: enough to score the steps it enables and to name it.
 *
 * @param severity 4 critical .. 0 info
 * @param status the finding's status; only open and acknowledged ones enable a step
 */
public record FindingFact(String fingerprint, int severity, String control, String checkId, String title, String status,
        String remediation) {

    public boolean active() {
        return "open".equals(status) || "acknowledged".equals(status);
    }
}
