package io.nubicustos.findings.scan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** Reads runs, always within the caller's namespace scope. */
@ApplicationScoped
public class ScanRuns {

    private static final String COLUMNS = "id, run_id, namespace, scan_job, tool, provider, started_at, completed_at, outcome, "
            + "findings, critical, high, medium, low, info, passed";

    private final AgroalDataSource db;

    public ScanRuns(AgroalDataSource db) {
        this.db = db;
    }

    /** Newest first; {@code before} is the last run of the previous page. */
    public List<ScanRunView> list(Optional<String> scope, Optional<String> namespace, Optional<String> scanJob, Optional<ScanRunView> before,
            int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from scan_run where true");
        List<Object> params = new ArrayList<>();
        scope.ifPresent(s -> {
            sql.append(" and namespace = ?");
            params.add(s);
        });
        namespace.ifPresent(s -> {
            sql.append(" and namespace = ?");
            params.add(s);
        });
        scanJob.ifPresent(s -> {
            sql.append(" and scan_job = ?");
            params.add(s);
        });
        before.ifPresent(b -> {
            sql.append(" and (started_at, id) < (?, ?)");
            params.add(Timestamp.from(b.startedAt()));
            params.add(b.id());
        });
        sql.append(" order by started_at desc, id desc limit ?");
        params.add(limit + 1);
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            List<ScanRunView> runs = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    runs.add(map(r));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException("scan query failed", e);
        }
    }

    public Optional<ScanRunView> find(UUID id, Optional<String> scope) {
        String sql = "select " + COLUMNS + " from scan_run where id = ?" + (scope.isPresent() ? " and namespace = ?" : "");
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            if (scope.isPresent()) {
                s.setString(2, scope.get());
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(map(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("scan lookup failed", e);
        }
    }

    private static ScanRunView map(ResultSet r) throws SQLException {
        return new ScanRunView(r.getObject(1, UUID.class), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                instant(r.getTimestamp(7)), instant(r.getTimestamp(8)), r.getString(9),
                new ScanRunView.Counts(r.getInt(10), r.getInt(11), r.getInt(12), r.getInt(13), r.getInt(14), r.getInt(15)), r.getInt(16));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
