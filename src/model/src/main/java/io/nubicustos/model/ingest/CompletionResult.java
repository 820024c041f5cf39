package io.nubicustos.model.ingest;

/**
 * The API's answer to a run's completion, with its counts: the distinct findings the run stored
 * (repeats within the run counted once) by severity. The scanner writes this answer as its
 * termination message and the operator reads it into the ScanJob's status, so there is one tally
 * of a run, the API's.
 *
 * @param outcome succeeded, failed or cancelled
 * @param resolved findings its ScanJob saw before that this run no longer saw
 */
public record CompletionResult(String runId, String outcome, long findings, long critical, long high, long medium, long low, long info,
        long resolved) {
}
