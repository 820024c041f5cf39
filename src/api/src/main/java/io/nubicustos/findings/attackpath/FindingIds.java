package io.nubicustos.findings.attackpath;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** Links the findings that enable a path's steps to their ids in the findings API. */
@ApplicationScoped
public class FindingIds {

    private final AgroalDataSource db;

    public FindingIds(AgroalDataSource db) {
        this.db = db;
    }

    public AttackPathViews.Detail resolve(AttackPathViews.Detail path) {
        List<String> fingerprints = path.steps().stream().flatMap(s -> s.findings().stream()).map(AttackPathViews.EnablingFinding::fingerprint)
                .distinct().toList();
        if (fingerprints.isEmpty()) {
            return path;
        }
        Map<String, Long> ids = new HashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select fingerprint, id from finding where scope = ? and fingerprint = any(?)")) {
            s.setString(1, path.scope());
            s.setArray(2, c.createArrayOf("text", fingerprints.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.put(r.getString(1), r.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up the path's findings", e);
        }
        List<AttackPathViews.Step> steps = path.steps().stream().map(s -> new AttackPathViews.Step(s.step(), s.from(), s.to(), s.relationship(),
                s.action(), s.technique(), s.ease(), s.findings().stream().map(f -> f.withFindingId(ids.get(f.fingerprint()))).toList(),
                s.remediation())).toList();
        return new AttackPathViews.Detail(path.id(), path.scope(), path.score(), path.exploitability(), path.impact(), path.impactReason(), path.hops(),
                path.entry(), path.target(), path.techniques(), path.namespaces(), path.accounts(), path.nodes(), steps, path.breakAt());
    }
}
