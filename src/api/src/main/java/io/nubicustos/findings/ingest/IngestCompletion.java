package io.nubicustos.findings.ingest;

/**
 * The end of a run's upload.
 *
 * @param outcome succeeded (the report was read whole) or failed
 * @param chunks how many chunks the scanner sent, numbered 0..chunks-1: the API checks it has them all
 */
public record IngestCompletion(String outcome, int chunks) {
}
