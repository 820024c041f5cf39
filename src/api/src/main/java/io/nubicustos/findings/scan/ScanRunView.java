package io.nubicustos.findings.scan;

import java.time.Instant;
import java.util.UUID;

/** One run as the API answers it. */
public record ScanRunView(UUID id, String runId, String namespace, String scanJob, String tool, String provider, Instant startedAt,
        Instant completedAt, String outcome, Counts findings, int passed) {

    public record Counts(int total, int critical, int high, int medium, int low, int info) {
    }
}
