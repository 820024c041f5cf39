package io.nubicustos.findings.ingest;

import java.time.Instant;

import io.nubicustos.model.ingest.UploadToken;

/** A run as the operator announces it: which ScanJob, which tool, when. */
public record RunStart(String runId, String namespace, String scanJob, String scanJobUid, String tool, String provider, Instant startedAt) {

    /**
     * The run a token names, with the tool and provider the operator signed into it; only an
     * earlier version's token, which names neither, leaves them to what the upload says.
     */
    static RunStart of(UploadToken token, String uploadedTool, String uploadedProvider, Instant startedAt) {
        return new RunStart(token.runId(), token.namespace(), token.scanJob(), token.scanJobUid(),
                token.tool() != null ? token.tool() : uploadedTool, token.provider() != null ? token.provider() : uploadedProvider, startedAt);
    }
}
