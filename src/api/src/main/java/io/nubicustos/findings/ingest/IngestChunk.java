package io.nubicustos.findings.ingest;

import java.util.List;

import io.nubicustos.model.finding.NormalizedFinding;

/**
 * One chunk of a run's findings as the scanner uploads it.
 *
 * @param tool the tool that produced the report (prowler, trivy, kubernetes ...)
 * @param provider the provider scanned (aws, azure, gcp, kubernetes)
 * @param controls compliance requirements the run checked, passed or failed
 */
public record IngestChunk(String tool, String provider, List<NormalizedFinding> findings, List<ControlResult> controls) {
}
