package io.nubicustos.model.ingest;

/**
 * The API's answer to one chunk.
 *
 * @param findings the findings the chunk carried
 * @param duplicate the chunk had arrived before with the same content and was not written again
 */
public record ChunkResult(int chunk, int findings, boolean duplicate) {
}
