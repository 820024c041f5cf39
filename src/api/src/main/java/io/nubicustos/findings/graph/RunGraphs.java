package io.nubicustos.findings.graph;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.nubicustos.model.graph.GraphEdge;
import io.nubicustos.model.graph.GraphNode;

/** A run's part of the graph as PostgreSQL keeps it: the findings it saw, the assets and edges it uploaded. */
@ApplicationScoped
public class RunGraphs {

    /** A succeeded run whose graph is not in Neo4j yet. */
    public record PendingRun(UUID id, String runId, String scope, String scanJob) {

        /** Edges belong to the ScanJob: its next run replaces them. */
        public String source() {
            return scope + "/" + scanJob;
        }
    }

    private static final TypeReference<List<GraphNode>> NODES = new TypeReference<>() {
    };
    private static final TypeReference<List<GraphEdge>> EDGES = new TypeReference<>() {
    };

    private final AgroalDataSource db;
    private final ObjectMapper json;

    public RunGraphs(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public List<PendingRun> pending(int limit) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                select id, run_id, namespace, scan_job from scan_run
                where outcome = 'succeeded' and graph_synced_at is null order by completed_at limit ?""")) {
            s.setInt(1, limit);
            List<PendingRun> runs = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    runs.add(new PendingRun(r.getObject(1, UUID.class), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list runs awaiting their graph", e);
        }
    }

    /** What the scanner uploaded of a run's graph: its nodes and edges, from every chunk. */
    public record Uploaded(List<GraphNode> nodes, List<GraphEdge> edges) {
    }

    public Uploaded uploaded(PendingRun run) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select nodes::text, edges::text from run_graph where scan_run_id = ? order by chunk")) {
            s.setObject(1, run.id());
            List<GraphNode> nodes = new ArrayList<>();
            List<GraphEdge> edges = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    nodes.addAll(json.readValue(r.getString(1), NODES));
                    edges.addAll(json.readValue(r.getString(2), EDGES));
                }
            }
            return new Uploaded(nodes, edges);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("could not read the run's graph", e);
        }
    }

    /**
     * Hands the run's findings to {@code page} in pages of about {@code size}, ordered by resource so that one
     * resource's findings are in one page. A cursor reads them: a run of a million findings is never in memory whole.
     */
    public void findings(PendingRun run, int size, Consumer<List<GraphBatch.FindingRow>> page) {
        try (Connection c = db.getConnection()) {
            // A cursor needs a transaction: without one the driver reads every row first.
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("""
                    select f.fingerprint, f.resource, f.resource_type, f.namespace, f.account, f.severity, f.control, f.check_id, f.title,
                           f.status, f.remediation
                    from finding_occurrence o join finding f on f.id = o.finding_id where o.scan_run_id = ? order by f.resource, f.id""")) {
                s.setObject(1, run.id());
                s.setFetchSize(size);
                try (ResultSet r = s.executeQuery()) {
                    List<GraphBatch.FindingRow> rows = new ArrayList<>();
                    while (r.next()) {
                        String ref = r.getString(2);
                        if (rows.size() >= size && !ref.equals(rows.get(rows.size() - 1).ref())) {
                            page.accept(rows);
                            rows = new ArrayList<>();
                        }
                        rows.add(new GraphBatch.FindingRow(ref, r.getString(3), r.getString(4), r.getString(5),
                                new FindingFact(r.getString(1), r.getInt(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10),
                                        r.getString(11))));
                    }
                    if (!rows.isEmpty()) {
                        page.accept(rows);
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the run's findings", e);
        }
    }

    public void synced(PendingRun run, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("update scan_run set graph_synced_at = ? where id = ?")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setObject(2, run.id());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not mark the run's graph synced", e);
        }
    }
}
