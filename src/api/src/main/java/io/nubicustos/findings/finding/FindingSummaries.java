package io.nubicustos.findings.finding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.nubicustos.model.finding.Severity;

/**
 * The summary endpoint's counts: from the tally table when the filter uses only the tally's
 * columns (scope, provider, severity, status, tool), else by counting the findings in one scan.
 */
@ApplicationScoped
public class FindingSummaries {

    private final AgroalDataSource db;

    public FindingSummaries(AgroalDataSource db) {
        this.db = db;
    }

    public FindingSummary summarize(FindingFilter filter, Optional<String> keyScope) {
        boolean tallied = filter.account().isEmpty() && filter.namespace().isEmpty() && filter.resource().isEmpty()
                && filter.check().isEmpty() && filter.framework().isEmpty() && filter.text().isEmpty();
        FindingQuery query = FindingQuery.of(filter, keyScope, "f.");
        String from = tallied ? "(select scope, provider, severity, status, tools, n from finding_tally where n > 0)"
                : "(select *, 1::bigint as n from finding)";
        // One pass: severity × status and provider count each finding once (its first tool's row), tools count every tool.
        String sql = "select grouping(f.severity, f.status) as g_ss, grouping(f.provider) as g_p, f.severity, f.status, f.provider, t.tool, "
                + "sum(f.n) filter (where t.ord = 1) as once, sum(f.n) as each "
                + "from " + from + " f cross join lateral unnest(f.tools) with ordinality as t(tool, ord) "
                + "where " + query.where()
                + " group by grouping sets ((f.severity, f.status), (f.provider), (t.tool))";
        Map<String, Map<String, Long>> bySeverity = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.id(), new TreeMap<>());
        }
        Map<String, Long> byTool = new TreeMap<>();
        Map<String, Long> byProvider = new TreeMap<>();
        long total = 0;
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            query.bind(s, 1);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long once = r.getLong("once");
                    if (r.getInt("g_ss") == 0) {
                        if (once > 0) {
                            bySeverity.get(Severity.ofRank(r.getInt("severity")).id()).put(r.getString("status"), once);
                            total += once;
                        }
                    } else if (r.getInt("g_p") == 0) {
                        if (once > 0) {
                            byProvider.put(r.getString("provider"), once);
                        }
                    } else if (r.getLong("each") > 0) {
                        byTool.put(r.getString("tool"), r.getLong("each"));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("findings summary failed", e);
        }
        return new FindingSummary(total, bySeverity, byTool, byProvider);
    }
}
