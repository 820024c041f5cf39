package io.nubicustos.findings.compliance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.agroal.api.AgroalDataSource;
import io.nubicustos.findings.finding.FindingFilter;
import io.nubicustos.findings.finding.FindingQuery;
import io.nubicustos.findings.security.Caller;
import io.nubicustos.findings.security.Role;

/**
 * Pass/fail per compliance framework: a requirement fails while an open or acknowledged finding
 * maps to it; it passes when the latest successful run of some ScanJob checked it and no open
 * finding maps to it.
 */
@Path("/api/compliance")
@Produces(MediaType.APPLICATION_JSON)
public class ComplianceResource {

    public record Framework(String framework, int requirements, int passed, int failed, double score, List<String> failing) {
    }

    private final AgroalDataSource db;
    private final Caller caller;

    public ComplianceResource(AgroalDataSource db, Caller caller) {
        this.db = db;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    public List<Framework> compliance(@QueryParam("framework") String framework, @QueryParam("scope") String scope) {
        FindingFilter filter = FindingFilter.parse(null, null, null, null, null, scope, null, null, null, null, framework, null);
        Map<String, TreeSet<String>> failing = new TreeMap<>();
        Map<String, TreeSet<String>> passing = new TreeMap<>();
        FindingQuery open = FindingQuery.of(filter, caller.scope(), "f.").and("f.status in ('open', 'acknowledged')");
        String failed = "select distinct c.key, r.requirement from finding f cross join lateral jsonb_each(f.compliance) c "
                + "cross join lateral jsonb_array_elements_text(c.value) r(requirement) where " + open.where()
                + filter.framework().map(x -> " and c.key = ?").orElse("");
        Optional<String> runScope = caller.scope().or(filter::scope);
        String passed = "select distinct cr.framework, cr.requirement from control_result cr join ("
                + "select distinct on (namespace, scan_job) id from scan_run where outcome = 'succeeded'"
                + runScope.map(x -> " and namespace = ?").orElse("")
                + " order by namespace, scan_job, completed_at desc) latest on latest.id = cr.scan_run_id where cr.passed > 0"
                + filter.framework().map(x -> " and cr.framework = ?").orElse("");
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(failed)) {
                int i = open.bind(s, 1);
                if (filter.framework().isPresent()) {
                    s.setString(i, filter.framework().get());
                }
                collect(s, failing);
            }
            try (PreparedStatement s = c.prepareStatement(passed)) {
                int i = 1;
                if (runScope.isPresent()) {
                    s.setString(i++, runScope.get());
                }
                if (filter.framework().isPresent()) {
                    s.setString(i, filter.framework().get());
                }
                collect(s, passing);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("compliance query failed", e);
        }
        List<Framework> result = new ArrayList<>();
        TreeSet<String> frameworks = new TreeSet<>(failing.keySet());
        frameworks.addAll(passing.keySet());
        for (String name : frameworks) {
            TreeSet<String> fail = failing.getOrDefault(name, new TreeSet<>());
            TreeSet<String> pass = new TreeSet<>(passing.getOrDefault(name, new TreeSet<>()));
            pass.removeAll(fail);
            int total = fail.size() + pass.size();
            double score = total == 0 ? 0 : Math.round(1000.0 * pass.size() / total) / 10.0;
            result.add(new Framework(name, total, pass.size(), fail.size(), score, List.copyOf(fail)));
        }
        return result;
    }

    private static void collect(PreparedStatement s, Map<String, TreeSet<String>> into) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                into.computeIfAbsent(r.getString(1), k -> new TreeSet<>()).add(r.getString(2));
            }
        }
    }
}
