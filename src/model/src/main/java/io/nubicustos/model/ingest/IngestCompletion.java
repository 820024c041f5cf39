package io.nubicustos.model.ingest;

/**
 * The end of a run's upload.
 *
 * @param outcome succeeded (the report was read whole) or failed
 * @param chunks how many chunks the scanner sent, numbered 0..chunks-1: the API checks it has them all
 * @param emptyResult the scanner read a whole report that stands for a scan and it held nothing to
 *        upload (a clean scan). A run that succeeds without findings resolves every open finding
 *        its ScanJob saw before, so it must say so; one that does not is refused.
 */
public record IngestCompletion(String outcome, int chunks, boolean emptyResult) {
}
