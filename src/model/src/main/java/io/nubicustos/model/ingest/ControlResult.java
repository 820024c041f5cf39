package io.nubicustos.model.ingest;

/** How a run fared on one compliance requirement: checks that passed and checks that failed. */
public record ControlResult(String framework, String requirement, int passed, int failed) {
}
