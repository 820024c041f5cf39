package io.nubicustos.findings.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.agroal.api.AgroalDataSource;
import io.nubicustos.findings.audit.AuditLog;
import io.nubicustos.findings.http.Conflict;
import io.nubicustos.findings.http.InvalidInput;
import io.nubicustos.findings.scan.RunStatusMirror;
import io.nubicustos.model.ingest.ChunkResult;
import io.nubicustos.model.ingest.CompletionResult;
import io.nubicustos.model.ingest.IngestChunk;
import io.nubicustos.model.ingest.IngestCompletion;
import io.nubicustos.model.ingest.UploadToken;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Writes uploaded chunks: each in one transaction (all of it or none), once per chunk number,
 * into the run the token names; completes a run only when every chunk arrived.
 */
@ApplicationScoped
public class IngestService {

    /** A run completed as succeeded: its graph can go to Neo4j. */
    public record RunCompleted(UUID run) {
    }

    static final String CANCELLED = "cancelled";

    private final RunRecorder recorder;
    private final RunStatusMirror runStatus;
    private final AgroalDataSource db;
    private final Clock clock;
    private final Event<RunCompleted> graphSync;
    private final AuditLog audit;

    public IngestService(RunRecorder recorder, RunStatusMirror runStatus, AgroalDataSource db, Clock clock, Event<RunCompleted> graphSync,
            AuditLog audit) {
        this.audit = audit;
        this.recorder = recorder;
        this.runStatus = runStatus;
        this.db = db;
        this.clock = clock;
        this.graphSync = graphSync;
    }

    public ChunkResult chunk(UploadToken token, int n, IngestChunk chunk, byte[] body, int maxFindings) {
        ChunkChecks.validate(chunk, maxFindings);
        byte[] digest = sha256(body);
        Instant now = clock.instant();
        UUID run = recorder.start(RunStart.of(token, chunk.tool(), chunk.provider(), now));
        // Outside the chunk's transaction: the cancellation it records must outlive the refusal.
        refuseIfCancelled(token, run, now);
        // After the run is known to be this token's: a run of another ScanJob is a conflict first.
        ChunkChecks.withinScope(chunk, token);
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = db.getConnection()) {
                if (completed(c, run)) {
                    throw new Conflict("the run is already complete");
                }
                try (PreparedStatement s = c.prepareStatement("""
                        insert into ingest_chunk (scan_run_id, n, digest, findings, received_at) values (?, ?, ?, ?, ?)
                        on conflict (scan_run_id, n) do nothing""")) {
                    s.setObject(1, run);
                    s.setInt(2, n);
                    s.setBytes(3, digest);
                    s.setInt(4, chunk.findings().size());
                    s.setTimestamp(5, Timestamp.from(now));
                    if (s.executeUpdate() == 0) {
                        if (MessageDigest.isEqual(storedDigest(c, run, n), digest)) {
                            return new ChunkResult(n, chunk.findings().size(), true);
                        }
                        throw new Conflict("chunk " + n + " was received with other content");
                    }
                }
            }
            recorder.record(run, token.namespace(), chunk.findings(), now);
            if (!chunk.controls().isEmpty()) {
                recorder.controls(run, chunk.controls());
            }
            if (!chunk.nodes().isEmpty() || !chunk.edges().isEmpty()) {
                recorder.graph(run, n, chunk.nodes(), chunk.edges());
            }
            return new ChunkResult(n, chunk.findings().size(), false);
        });
    }

    public CompletionResult complete(UploadToken token, IngestCompletion completion) {
        if (completion == null || completion.outcome() == null
                || !(completion.outcome().equals("succeeded") || completion.outcome().equals("failed"))) {
            throw new InvalidInput("outcome must be succeeded or failed");
        }
        if (completion.chunks() < 0 || completion.chunks() > 1_000_000) {
            throw new InvalidInput("chunks must be between 0 and 1000000");
        }
        UUID run = recorder.start(RunStart.of(token, "unknown", "unknown", clock.instant()));
        String outcome = completion.outcome();
        refuseIfCancelled(token, run, clock.instant());
        long seen;
        try (Connection c = db.getConnection()) {
            if (completed(c, run)) {
                // Completing twice (a retry after a lost answer) is harmless.
                return summary(c, run, token.runId(), 0);
            }
            if (outcome.equals("succeeded") && received(c, run, completion.chunks()) != completion.chunks()) {
                // Never resolve findings from a run whose upload is incomplete.
                throw new Conflict("not every chunk of the run was received");
            }
            seen = outcome.equals("succeeded") ? findingsSeen(c, run) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("ingest completion failed", e);
        }
        if (outcome.equals("succeeded") && (seen == 0) != completion.emptyResult()) {
            // A succeeded run without findings resolves all its ScanJob saw before: only on the
            // scanner's word that it read a whole report of a clean scan, never by default.
            String reason = seen == 0 ? "no findings and no empty result declared" : "an empty result declared with findings uploaded";
            audit.recordSeparately(AuditLog.RUN_COMPLETION_REFUSED, RunRecorder.SCAN_ACTOR, "scanjob/" + token.namespace() + "/" + token.scanJob(),
                    Map.of("run", token.runId(), "reason", reason));
            throw new Conflict(seen == 0 ? "the run uploaded no findings and did not declare an empty result: nothing is resolved"
                    : "the run declared an empty result but uploaded findings");
        }
        int resolved = recorder.complete(run, outcome, clock.instant());
        if (outcome.equals("succeeded") && seen == 0) {
            audit.recordSeparately(AuditLog.RUN_COMPLETED_EMPTY, RunRecorder.SCAN_ACTOR, "scanjob/" + token.namespace() + "/" + token.scanJob(),
                    Map.of("run", token.runId(), "resolved", resolved));
        }
        if (outcome.equals("succeeded")) {
            graphSync.fire(new RunCompleted(run));
        }
        try (Connection c = db.getConnection()) {
            return summary(c, run, token.runId(), resolved);
        } catch (SQLException e) {
            throw new IllegalStateException("ingest completion failed", e);
        }
    }

    /**
     * A cancelled run takes nothing more: not a chunk, not a completion, so a partial upload never
     * resolves findings. Cancelled is what the run's row says (DELETE /api/scans/{id}) or what
     * the operator says (spec.suspend, or the run's Cancelled outcome), whichever comes first.
     */
    private void refuseIfCancelled(UploadToken token, UUID run, Instant now) {
        if (runStatus.cancelled(token)) {
            recorder.end(run, CANCELLED, now);
        }
        if (recorder.outcome(run).filter(CANCELLED::equals).isPresent()) {
            throw new Conflict("the run was cancelled: nothing more is accepted for it");
        }
    }

    private static CompletionResult summary(Connection c, UUID run, String runId, int resolved) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select outcome, findings, critical, high, medium, low, info from scan_run where id = ?")) {
            s.setObject(1, run);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new CompletionResult(runId, r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6),
                        r.getLong(7), resolved);
            }
        }
    }

    private static boolean completed(Connection c, UUID run) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select completed_at is not null from scan_run where id = ?")) {
            s.setObject(1, run);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    /** How many findings the run's chunks carried (after repeats collapsed). */
    private static long findingsSeen(Connection c, UUID run) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select count(*) from finding_occurrence where scan_run_id = ?")) {
            s.setObject(1, run);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** How many of chunks 0..expected-1 arrived. */
    private static int received(Connection c, UUID run, int expected) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select count(*) from ingest_chunk where scan_run_id = ? and n < ?")) {
            s.setObject(1, run);
            s.setInt(2, expected);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static byte[] storedDigest(Connection c, UUID run, int n) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select digest from ingest_chunk where scan_run_id = ? and n = ?")) {
            s.setObject(1, run);
            s.setInt(2, n);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getBytes(1) : new byte[0];
            }
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
