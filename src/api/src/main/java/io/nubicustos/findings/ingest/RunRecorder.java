package io.nubicustos.findings.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.nubicustos.findings.finding.Severities;
import io.nubicustos.model.finding.FindingBounds;
import io.nubicustos.model.finding.Locations;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.graph.GraphEdge;
import io.nubicustos.model.graph.GraphNode;
import io.nubicustos.model.ingest.ControlResult;

/**
 * Writes runs and their findings: one statement per batch (arrays unnested server-side), upserts
 * keyed by (scope, fingerprint), one occurrence per finding per run. Re-sending a batch changes
 * nothing; completing a run resolves what it no longer saw.
 */
@ApplicationScoped
public class RunRecorder {

    public static final String SCAN_ACTOR = "scan";

    private static final String UPSERT = """
            with batch as (
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                     ?::smallint[], ?::text[], ?::text[], ?::text[], ?::jsonb[], ?::text[], ?::jsonb[], ?::int[])
                    as b(fingerprint, tool, provider, account, region, namespace, resource_type, resource, check_id,
                         severity, title, description, remediation, compliance, control, locations, location_count)
            ), up as (
                insert into finding as f (scope, fingerprint, tools, provider, account, region, namespace, resource_type, resource,
                                          check_id, control, severity, title, description, remediation, compliance, first_seen, last_seen,
                                          locations, location_count, locations_run)
                select ?, b.fingerprint, array[b.tool], b.provider, b.account, b.region, b.namespace, b.resource_type, b.resource,
                       b.check_id, b.control, b.severity, b.title, b.description, b.remediation, b.compliance, ?, ?,
                       array(select l from jsonb_array_elements_text(b.locations) with ordinality as e(l, o) order by o),
                       b.location_count, ?
                from batch b
                on conflict (scope, fingerprint) do update set
                    tools = case when f.tools @> excluded.tools then f.tools else f.tools || excluded.tools end,
                    severity = excluded.severity, title = excluded.title, description = excluded.description,
                    remediation = excluded.remediation, compliance = excluded.compliance,
                    last_seen = greatest(f.last_seen, excluded.last_seen),
                    status = case when f.status = 'resolved' then 'open' else f.status end,
                    fixed_at = case when f.status = 'resolved' then null else f.fixed_at end,
                    -- Another run's places replace these; this run's later chunks add to them.
                    locations = case when f.locations_run is distinct from excluded.locations_run then excluded.locations
                        else array(select l from unnest(f.locations || excluded.locations) with ordinality as u(l, o)
                                   group by l order by min(o) limit %d) end,
                    -- Exact while both lists are whole; past the listed ones, places of two chunks may repeat.
                    location_count = case when f.locations_run is distinct from excluded.locations_run then excluded.location_count
                        when f.location_count = cardinality(f.locations) and excluded.location_count = cardinality(excluded.locations)
                            then cardinality(array(select distinct unnest(f.locations || excluded.locations)))
                        else f.location_count + excluded.location_count end,
                    locations_run = excluded.locations_run
                returning f.id, f.severity
            )
            insert into finding_occurrence (scan_run_id, finding_id, severity, seen_at)
            select ?, id, severity, ? from up
            on conflict do nothing
            """.formatted(FindingBounds.LOCATIONS);

    /** Sets a run's outcome and end, and its counts from its occurrences (parameters: outcome, end, run, run). */
    private static final String CLOSE_RUN = """
            update scan_run r set outcome = ?, completed_at = ?,
                findings = o.total, critical = o.critical, high = o.high, medium = o.medium, low = o.low, info = o.info
            from (select count(*) as total, count(*) filter (where severity = 4) as critical,
                         count(*) filter (where severity = 3) as high, count(*) filter (where severity = 2) as medium,
                         count(*) filter (where severity = 1) as low, count(*) filter (where severity = 0) as info
                  from finding_occurrence where scan_run_id = ?) o
            where r.id = ?""";

    private final AgroalDataSource db;
    private final ObjectMapper json;

    public RunRecorder(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Registers a run, or finds it if it was registered before; returns its id. Finding comes
     * first and inserting does nothing on conflict: neither locks the run's row, so chunks of one
     * run are written in parallel.
     */
    public UUID start(RunStart run) {
        Optional<UUID> existing = find(run.runId());
        if (existing.isPresent()) {
            requireOwner(existing.get(), run);
            return existing.get();
        }
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        insert into scan_run (id, run_id, namespace, scan_job, scan_job_uid, tool, provider, started_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (run_id) do nothing""")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, run.runId());
            s.setString(3, run.namespace());
            s.setString(4, run.scanJob());
            s.setString(5, run.scanJobUid());
            s.setString(6, run.tool());
            s.setString(7, run.provider());
            s.setTimestamp(8, Timestamp.from(run.startedAt()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not register run", e);
        }
        UUID id = find(run.runId()).orElseThrow(() -> new IllegalStateException("run vanished while registering"));
        requireOwner(id, run);
        return id;
    }

    /** A run id names one run of one ScanJob: another ScanJob's token never writes into it. */
    private void requireOwner(UUID id, RunStart run) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select namespace, scan_job, scan_job_uid from scan_run where id = ?")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                boolean same = r.getString(1).equals(run.namespace()) && r.getString(2).equals(run.scanJob())
                        && java.util.Objects.equals(r.getString(3), run.scanJobUid());
                if (!same) {
                    throw new io.nubicustos.findings.http.Conflict("the run id belongs to another ScanJob");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("run lookup failed", e);
        }
    }

    /**
     * Upserts a batch of one run's findings and their occurrences, in one statement.
     *
     * @param scope the run's namespace
     * @return how many findings the batch held after removing repeats
     */
    public int record(UUID run, String scope, Collection<NormalizedFinding> findings, Instant seenAt) {
        // A statement may not upsert the same row twice: repeats within a batch collapse to the
        // last, keeping the places of all.
        Map<String, NormalizedFinding> unique = new LinkedHashMap<>();
        Map<String, Set<String>> places = new HashMap<>();
        for (NormalizedFinding f : findings) {
            unique.put(f.fingerprint(), f);
            if (!f.locations().isEmpty()) {
                places.computeIfAbsent(f.fingerprint(), k -> new LinkedHashSet<>()).addAll(f.locations());
            }
        }
        int n = unique.size();
        if (n == 0) {
            return 0;
        }
        String[][] text = new String[13][n];
        Short[] severity = new Short[n];
        String[] compliance = new String[n];
        String[] locations = new String[n];
        Integer[] locationCount = new Integer[n];
        int i = 0;
        for (NormalizedFinding f : unique.values()) {
            String[] row = { f.fingerprint(), f.tool(), f.provider() == null ? "unknown" : f.provider(), f.account(), f.region(),
                f.namespace(), f.resourceType(), f.resource(), f.checkId(), f.title() == null ? f.checkId() : f.title(), f.description(),
                f.remediation(), f.control() };
            for (int col = 0; col < row.length; col++) {
                text[col][i] = row[col];
            }
            severity[i] = (short) f.severity().rank();
            compliance[i] = compliance(f.compliance());
            Set<String> seen = places.getOrDefault(f.fingerprint(), Set.of());
            locations[i] = json(Locations.bounded(seen));
            locationCount[i] = seen.size();
            i++;
        }
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(UPSERT)) {
            int p = 1;
            for (int col = 0; col < 9; col++) {
                s.setArray(p++, c.createArrayOf("text", text[col]));
            }
            s.setArray(p++, c.createArrayOf("int2", severity));
            for (int col = 9; col < 12; col++) {
                s.setArray(p++, c.createArrayOf("text", text[col]));
            }
            s.setArray(p++, c.createArrayOf("jsonb", compliance));
            s.setArray(p++, c.createArrayOf("text", text[12]));
            s.setArray(p++, c.createArrayOf("jsonb", locations));
            s.setArray(p++, c.createArrayOf("int4", locationCount));
            s.setString(p++, scope);
            s.setTimestamp(p++, Timestamp.from(seenAt));
            s.setTimestamp(p++, Timestamp.from(seenAt));
            s.setObject(p++, run);
            s.setObject(p++, run);
            s.setTimestamp(p, Timestamp.from(seenAt));
            s.executeUpdate();
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record findings", e);
        }
    }

    /** Keeps a chunk's assets and edges until the run completes and its graph goes to Neo4j. */
    public void graph(UUID run, int chunk, List<GraphNode> nodes, List<GraphEdge> edges) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into run_graph (scan_run_id, chunk, nodes, edges) values (?, ?, ?::jsonb, ?::jsonb)
                on conflict (scan_run_id, chunk) do nothing""")) {
            s.setObject(1, run);
            s.setInt(2, chunk);
            s.setString(3, json.writeValueAsString(nodes));
            s.setString(4, json.writeValueAsString(edges));
            s.executeUpdate();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not record the run's graph", e);
        }
    }

    /** Stores what a run checked and passed, for the compliance view. */
    public void controls(UUID run, List<ControlResult> results) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into control_result (scan_run_id, framework, requirement, passed, failed) values (?, ?, ?, ?, ?)
                on conflict (scan_run_id, framework, requirement) do update set passed = excluded.passed, failed = excluded.failed""")) {
            for (ControlResult r : results) {
                s.setObject(1, run);
                s.setString(2, r.framework());
                s.setString(3, r.requirement());
                s.setInt(4, r.passed());
                s.setInt(5, r.failed());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record control results", e);
        }
    }

    /**
     * Closes a run: its counts come from its occurrences; if it succeeded, findings this ScanJob
     * saw before, that this run did not see and that no run has seen since this one started are
     * resolved. "Did not see" is its occurrences, not a time: chunks are written in parallel, and the
     * one that registers the run may carry a later clock than one that wrote findings.
     *
     * @return how many findings were resolved
     */
    public int complete(UUID run, String outcome, Instant completedAt) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                String namespace;
                String scanJob;
                Instant started;
                try (PreparedStatement s = c.prepareStatement(CLOSE_RUN + " returning r.namespace, r.scan_job, r.started_at")) {
                    s.setString(1, outcome);
                    s.setTimestamp(2, Timestamp.from(completedAt));
                    s.setObject(3, run);
                    s.setObject(4, run);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            throw new IllegalArgumentException("unknown run");
                        }
                        namespace = r.getString(1);
                        scanJob = r.getString(2);
                        started = r.getTimestamp(3).toInstant();
                    }
                }
                int resolved = 0;
                if ("succeeded".equals(outcome)) {
                    try (PreparedStatement s = c.prepareStatement("""
                            update finding f set status = 'resolved', fixed_at = ?, status_changed_at = ?, status_changed_by = ?
                            where f.scope = ? and f.status in ('open', 'acknowledged') and f.last_seen < ?
                              and not exists (select 1 from finding_occurrence o where o.scan_run_id = ? and o.finding_id = f.id)
                              and exists (select 1 from finding_occurrence o join scan_run r on r.id = o.scan_run_id
                                          where o.finding_id = f.id and r.namespace = ? and r.scan_job = ? and r.id <> ?)""")) {
                        s.setTimestamp(1, Timestamp.from(completedAt));
                        s.setTimestamp(2, Timestamp.from(completedAt));
                        s.setString(3, SCAN_ACTOR);
                        s.setString(4, namespace);
                        s.setTimestamp(5, Timestamp.from(started));
                        s.setObject(6, run);
                        s.setString(7, namespace);
                        s.setString(8, scanJob);
                        s.setObject(9, run);
                        resolved = s.executeUpdate();
                    }
                }
                c.commit();
                return resolved;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not complete run", e);
        }
    }

    /**
     * Ends a run that will never complete its upload (cancelled, or failed before completing):
     * counts from what it uploaded, and nothing resolved. A run that ended already is left as it is.
     *
     * @return whether this call ended it
     */
    public boolean end(UUID run, String outcome, Instant endedAt) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(CLOSE_RUN + " and r.completed_at is null")) {
            s.setString(1, outcome);
            s.setTimestamp(2, Timestamp.from(endedAt));
            s.setObject(3, run);
            s.setObject(4, run);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not end run", e);
        }
    }

    /** The outcome of an ended run; empty while it runs (or if it is unknown). */
    public Optional<String> outcome(UUID run) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select outcome from scan_run where id = ? and completed_at is not null")) {
            s.setObject(1, run);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("run lookup failed", e);
        }
    }

    public Optional<UUID> find(String runId) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("select id from scan_run where run_id = ?")) {
            s.setString(1, runId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("run lookup failed", e);
        }
    }

    private String json(List<String> list) {
        try {
            return json.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("locations cannot be written as JSON", e);
        }
    }

    private String compliance(Map<String, List<String>> mapping) {
        if (mapping == null || mapping.isEmpty()) {
            return "{}";
        }
        try {
            return json.writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("compliance mapping cannot be written as JSON", e);
        }
    }
}
