package io.nubicustos.findings.attackpath;

import io.nubicustos.model.graph.EdgeType;

/** One step of a path: from node {@code from} to node {@code from + 1} of the path. */
public record PathStep(int from, EdgeType type, String action, StepAssessment assessment) {
}
