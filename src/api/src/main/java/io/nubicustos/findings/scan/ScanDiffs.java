package io.nubicustos.findings.scan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.nubicustos.findings.finding.FindingFilter;
import io.nubicustos.findings.finding.FindingQuery;
import io.nubicustos.findings.finding.FindingRepository;
import io.nubicustos.findings.finding.FindingView;

/** Diffs two runs from their occurrences. Both runs must be visible to the caller, and so must every finding listed. */
@ApplicationScoped
public class ScanDiffs {

    private final AgroalDataSource db;
    private final FindingRepository findings;

    public ScanDiffs(AgroalDataSource db, FindingRepository findings) {
        this.db = db;
        this.findings = findings;
    }

    public ScanDiff diff(UUID from, UUID to, Optional<String> scope, int limit) {
        ScanDiff.Part added = part(to, from, scope, limit);
        ScanDiff.Part fixed = part(from, to, scope, limit);
        FindingQuery query = FindingQuery.of(FindingFilter.none(), scope, "f.");
        String sql = "select count(*) from finding_occurrence a join finding_occurrence b on b.finding_id = a.finding_id and b.scan_run_id = ? "
                + "join finding f on f.id = a.finding_id where a.scan_run_id = ? and " + query.where();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, to);
            s.setObject(2, from);
            query.bind(s, 3);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new ScanDiff(from, to, added, fixed, r.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("diff failed", e);
        }
    }

    /** Findings that {@code in} saw and {@code notIn} did not. */
    private ScanDiff.Part part(UUID in, UUID notIn, Optional<String> scope, int limit) {
        FindingQuery query = FindingQuery.of(FindingFilter.none(), scope, "f.");
        String only = "from finding_occurrence o join finding f on f.id = o.finding_id where o.scan_run_id = ? and " + query.where()
                + " and not exists (select 1 from finding_occurrence x where x.scan_run_id = ? and x.finding_id = o.finding_id)";
        try (Connection c = db.getConnection()) {
            long count;
            try (PreparedStatement s = c.prepareStatement("select count(*) " + only)) {
                int i = 1;
                s.setObject(i++, in);
                i = query.bind(s, i);
                s.setObject(i, notIn);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    count = r.getLong(1);
                }
            }
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select f.id " + only + " order by f.severity desc, f.id desc limit ?")) {
                int i = 1;
                s.setObject(i++, in);
                i = query.bind(s, i);
                s.setObject(i++, notIn);
                s.setInt(i, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getLong(1));
                    }
                }
            }
            List<FindingView> items = new ArrayList<>();
            for (long id : ids) {
                findings.find(id, scope).ifPresent(items::add);
            }
            return new ScanDiff.Part(count, items);
        } catch (SQLException e) {
            throw new IllegalStateException("diff failed", e);
        }
    }
}
