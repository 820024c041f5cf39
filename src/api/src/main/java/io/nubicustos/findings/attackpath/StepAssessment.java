package io.nubicustos.findings.attackpath;

import java.util.List;

import io.nubicustos.findings.graph.FindingFact;

/**
 * How an attacker takes one step: the technique, how easy it is (0..1], the findings that make it
 * possible and what breaks it.
 */
public record StepAssessment(Technique technique, double ease, List<FindingFact> enabling, String remediation) {
}
