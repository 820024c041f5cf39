package io.nubicustos.findings.ingest;

import java.time.Clock;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.findings.audit.AuditLog;
import io.nubicustos.findings.config.ApiConfig;
import io.nubicustos.findings.http.NotFound;
import io.nubicustos.findings.http.RequestContext;
import io.nubicustos.model.ingest.ChunkResult;
import io.nubicustos.model.ingest.CompletionResult;
import io.nubicustos.model.ingest.IngestChunk;
import io.nubicustos.model.ingest.IngestCompletion;
import io.nubicustos.model.ingest.IngestPaths;
import io.nubicustos.model.ingest.UploadToken;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Where scan pods upload: chunks of normalized findings, then the run's completion. Not an API
 * key but the run's upload token ({@code Authorization: Bearer}), signed by the operator: a token
 * writes its own run and nothing else, until it expires.
 */
@Path(IngestPaths.RUN)
@Produces(MediaType.APPLICATION_JSON)
public class IngestResource {

    private final IngestService ingest;
    private final UploadKeys keys;
    private final ObjectMapper json;
    private final Clock clock;
    private final AuditLog audit;
    private final CurrentVertxRequest request;
    private final int maxChunkFindings;
    private final UploadTokenRefusals refusals;

    public IngestResource(IngestService ingest, UploadKeys keys, ObjectMapper json, Clock clock, AuditLog audit, CurrentVertxRequest request,
            ApiConfig config, UploadTokenRefusals refusals) {
        this.refusals = refusals;
        this.ingest = ingest;
        this.keys = keys;
        this.json = ChunkChecks.boundedMapper(json);
        this.clock = clock;
        this.audit = audit;
        this.request = request;
        this.maxChunkFindings = config.ingest().maxChunkFindings();
    }

    @POST
    @Path(IngestPaths.CHUNK)
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public ChunkResult chunk(@PathParam("runId") String runId, @PathParam("n") String n,
            @HeaderParam("Authorization") String authorization, byte[] body) {
        UploadToken token = authorize(runId, authorization);
        if (n == null || !n.matches("[0-9]{1,7}")) {
            throw new NotFound();
        }
        // Jackson's messages quote the input, which may hold finding text: ChunkChecks names only the field.
        IngestChunk chunk = ChunkChecks.read(json, body);
        return ingest.chunk(token, Integer.parseInt(n), chunk, body, maxChunkFindings);
    }

    @POST
    @Path(IngestPaths.COMPLETE)
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public CompletionResult complete(@PathParam("runId") String runId, @HeaderParam("Authorization") String authorization,
            IngestCompletion completion) {
        return ingest.complete(authorize(runId, authorization), completion);
    }

    /** The token's claims, if it is signed by the operator, unexpired, and for this run; else 401. */
    private UploadToken authorize(String runId, String authorization) {
        Optional<byte[]> key = keys.key();
        String presented = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : null;
        Optional<UploadToken> token = key.isEmpty() || presented == null || presented.length() > 1024 ? Optional.empty()
                : UploadToken.verify(presented, key.get(), clock.instant());
        if (token.isEmpty() || !token.get().runId().equals(runId)) {
            refusals.count(key.isEmpty() ? UploadTokenRefusals.Reason.NO_KEY
                    : presented == null ? UploadTokenRefusals.Reason.MISSING
                    : presented.length() > 1024 ? UploadTokenRefusals.Reason.MALFORMED
                    : token.isEmpty() ? UploadTokenRefusals.Reason.INVALID : UploadTokenRefusals.Reason.OTHER_RUN);
            RequestContext context = request.getCurrent() == null ? null : RequestContext.of(request.getCurrent());
            audit.authenticationFailed("upload-token", context == null ? null : context.client(), context == null ? null : context.requestId());
            throw new WebApplicationException(Response.status(401).header("WWW-Authenticate", "Bearer").build());
        }
        return token.get();
    }
}
