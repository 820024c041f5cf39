package io.nubicustos.findings.scan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.agroal.api.AgroalDataSource;
import io.nubicustos.findings.finding.FindingFilter;
import io.nubicustos.findings.finding.FindingQuery;
import io.nubicustos.findings.finding.Severities;
import io.nubicustos.findings.security.Caller;
import io.nubicustos.findings.security.Role;
import io.nubicustos.model.finding.Severity;

/**
 * Mean time to remediate per severity: from a finding's first occurrence to the run that no
 * longer saw it (or to a person resolving it), over the findings fixed so far; and how long the
 * open ones have been open.
 */
@Path("/api/metrics/mttr")
@Produces(MediaType.APPLICATION_JSON)
public class MttrResource {

    public record SeverityMttr(long fixed, Double meanHours, Double medianHours, long open, Double meanOpenAgeHours) {
    }

    private final AgroalDataSource db;
    private final Caller caller;

    public MttrResource(AgroalDataSource db, Caller caller) {
        this.db = db;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    public Map<String, SeverityMttr> mttr(@QueryParam("scope") String scope, @QueryParam("provider") String provider,
            @QueryParam("tool") String tool) {
        FindingFilter filter = FindingFilter.parse(null, null, tool, provider, null, scope, null, null, null, null, null, null);
        FindingQuery query = FindingQuery.of(filter, caller.scope(), "");
        String sql = "select severity, "
                + "count(*) filter (where fixed_at is not null) as fixed, "
                + "avg(extract(epoch from fixed_at - first_seen)) filter (where fixed_at is not null) / 3600 as mean_h, "
                + "percentile_cont(0.5) within group (order by extract(epoch from fixed_at - first_seen)) filter (where fixed_at is not null) / 3600 as median_h, "
                + "count(*) filter (where status in ('open', 'acknowledged')) as open, "
                + "avg(extract(epoch from now() - first_seen)) filter (where status in ('open', 'acknowledged')) / 3600 as open_h "
                + "from finding where " + query.where() + " group by severity";
        Map<String, SeverityMttr> result = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            result.put(s.id(), new SeverityMttr(0, null, null, 0, null));
        }
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            query.bind(s, 1);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.put(Severity.ofRank(r.getInt(1)).id(), new SeverityMttr(r.getLong(2), number(r, 3), number(r, 4), r.getLong(5), number(r, 6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("MTTR query failed", e);
        }
        return result;
    }

    private static Double number(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? null : Math.round(v * 100) / 100.0;
    }
}
