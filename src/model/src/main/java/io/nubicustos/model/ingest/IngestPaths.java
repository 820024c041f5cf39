package io.nubicustos.model.ingest;

/** Where the API takes a run's upload: the resource paths both the API and the scanner use. */
public final class IngestPaths {

    /** A run's upload, by its run id (the one its token names). */
    public static final String RUN = "/api/ingest/runs/{runId}";
    /** Chunk n of a run, numbered from 0. */
    public static final String CHUNK = "/chunks/{n}";
    /** The end of a run's upload. */
    public static final String COMPLETE = "/complete";

    private IngestPaths() {
    }

    public static String run(String runId) {
        return RUN.replace("{runId}", runId);
    }

    public static String chunk(String runId, int n) {
        return run(runId) + CHUNK.replace("{n}", Integer.toString(n));
    }

    public static String complete(String runId) {
        return run(runId) + COMPLETE;
    }
}
