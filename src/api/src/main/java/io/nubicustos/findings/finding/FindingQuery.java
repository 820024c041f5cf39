package io.nubicustos.findings.finding;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A filter turned into a SQL condition with bind parameters, always including the caller's
 * namespace scope: lists, summaries, exports and diffs share it, so none can forget the scope.
 */
public final class FindingQuery {

    private final StringBuilder where = new StringBuilder("true");
    private final List<Object> params = new ArrayList<>();

    private FindingQuery() {
    }

    /**
     * @param keyScope the namespace the caller's key is limited to; empty for an unscoped key
     * @param alias the finding table's alias in the statement, with its dot ("f."), or ""
     */
    public static FindingQuery of(FindingFilter filter, Optional<String> keyScope, String alias) {
        FindingQuery q = new FindingQuery();
        keyScope.ifPresent(s -> q.and(alias + "scope = ?", s));
        filter.scope().ifPresent(s -> q.and(alias + "scope = ?", s));
        if (!filter.severities().isEmpty()) {
            q.in(alias + "severity", new ArrayList<>(filter.severities()));
        }
        if (!filter.statuses().isEmpty()) {
            q.in(alias + "status", filter.statuses().stream().map(s -> (Object) s.id()).toList());
        }
        filter.tool().ifPresent(t -> q.and(alias + "tools @> array[?]::text[]", t));
        filter.provider().ifPresent(p -> q.and(alias + "provider = ?", p));
        filter.account().ifPresent(a -> q.and(alias + "account = ?", a));
        filter.namespace().ifPresent(n -> q.and(alias + "namespace = ?", n));
        filter.resource().ifPresent(r -> q.and(alias + "resource = ?", r));
        filter.check().ifPresent(c -> q.and(alias + "check_id = ?", c));
        filter.control().ifPresent(c -> q.and(alias + "control = ?", c));
        // "??" is pgjdbc's escape for jsonb's "?" (has key) operator, which the GIN index serves.
        filter.framework().ifPresent(f -> q.and(alias + "compliance ?? ?", f));
        filter.text().ifPresent(t -> q.and("to_tsvector('simple', " + alias + "title) @@ plainto_tsquery('simple', ?)", t));
        return q;
    }

    public FindingQuery and(String condition, Object... values) {
        where.append(" and ").append(condition);
        params.addAll(List.of(values));
        return this;
    }

    private void in(String column, List<Object> values) {
        where.append(" and ").append(column).append(" in (").append("?,".repeat(values.size() - 1)).append("?)");
        params.addAll(values);
    }

    public String where() {
        return where.toString();
    }

    /** Binds this query's parameters from index {@code first}; returns the next free index. */
    public int bind(PreparedStatement statement, int first) throws SQLException {
        int i = first;
        for (Object value : params) {
            statement.setObject(i++, value);
        }
        return i;
    }
}
