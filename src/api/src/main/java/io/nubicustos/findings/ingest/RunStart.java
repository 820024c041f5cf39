package io.nubicustos.findings.ingest;

import java.time.Instant;

/** A run as the operator announces it: which ScanJob, which tool, when. */
public record RunStart(String runId, String namespace, String scanJob, String scanJobUid, String tool, String provider, Instant startedAt) {
}
