package io.nubicustos.findings.finding;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.agroal.api.AgroalDataSource;
import io.nubicustos.model.finding.Severity;

/**
 * Findings read with plain JDBC: keyset pages, streamed exports and aggregates need exact SQL
 * (row comparisons, cursors with a fetch size, GROUP BY) that an ORM would only obscure.
 */
@ApplicationScoped
public class FindingRepository {

    static final String COLUMNS = "id, fingerprint, scope, tools, provider, account, region, namespace, resource_type, resource, check_id, "
            + "control, severity, title, description, remediation, compliance::text, status, status_reason, status_owner, "
            + "status_expires_at, first_seen, last_seen, fixed_at, locations, location_count";
    /** Pages leave out the long texts (description, remediation, locations): one finding by id, and exports, have them. */
    static final String PAGE_COLUMNS = COLUMNS.replace("description, remediation,", "null::text, null::text,")
            .replace("locations,", "null::text[],");
    private static final TypeReference<LinkedHashMap<String, List<String>>> COMPLIANCE = new TypeReference<>() {
    };
    /** Rows fetched per round trip while streaming: memory stays flat whatever the export's size. */
    private static final int FETCH_SIZE = 5_000;

    private final AgroalDataSource db;
    private final ObjectReader complianceReader;

    public FindingRepository(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.complianceReader = json.readerFor(COMPLIANCE);
    }

    /** One page in {@code sort} order after {@code after}; one row more than {@code limit} tells whether another page exists. */
    public List<FindingView> page(FindingQuery query, FindingSort sort, Optional<Cursor> after, int limit) {
        StringBuilder sql = new StringBuilder("select ").append(PAGE_COLUMNS).append(" from finding where ").append(query.where());
        after.ifPresent(c -> sql.append(" and ").append(sort.after()));
        sql.append(" order by ").append(sort.orderBy()).append(" limit ?");
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = query.bind(s, 1);
            if (after.isPresent()) {
                Cursor cursor = after.get();
                if (sort.timestamp()) {
                    s.setTimestamp(i++, Timestamp.from(Instants.ofMicros(cursor.value())));
                } else {
                    s.setInt(i++, (int) cursor.value());
                }
                s.setLong(i++, cursor.id());
            }
            s.setInt(i, limit + 1);
            List<FindingView> rows = new ArrayList<>(limit + 1);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(map(r));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("findings query failed", e);
        }
    }

    public Optional<FindingView> find(long id, Optional<String> scope) {
        FindingQuery query = FindingQuery.of(FindingFilter.none(), scope, "").and("id = ?", id);
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from finding where " + query.where())) {
            query.bind(s, 1);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(map(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("finding lookup failed", e);
        }
    }

    /** Streams every match in id order from a server-side cursor; the consumer may throw to stop. */
    public long stream(FindingQuery query, RowConsumer consumer) throws Exception {
        return streamRows(query, r -> consumer.accept(map(r)));
    }

    /**
     * Streams the raw rows ({@link #COLUMNS} order) for writers that need no {@link FindingView}:
     * the CSV export writes columns as they come.
     */
    public long streamRows(FindingQuery query, ResultSetConsumer consumer) throws Exception {
        try (Connection c = db.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // PostgreSQL only streams (honours the fetch size) inside a transaction.
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from finding where " + query.where() + " order by id",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                s.setFetchSize(FETCH_SIZE);
                query.bind(s, 1);
                long count = 0;
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        consumer.accept(r);
                        count++;
                    }
                }
                return count;
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** A row handed on while streaming; may throw the writer's IOException. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(FindingView row) throws Exception;
    }

    /** A raw row handed on while streaming; may throw the writer's IOException. */
    @FunctionalInterface
    public interface ResultSetConsumer {
        void accept(ResultSet row) throws Exception;
    }

    FindingView map(ResultSet r) throws SQLException {
        Array tools = r.getArray(4);
        String compliance = r.getString(17);
        return new FindingView(r.getLong(1), r.getString(2), r.getString(3), Arrays.asList((String[]) tools.getArray()), r.getString(5),
                r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.getString(11), r.getString(12),
                Severity.ofRank(r.getInt(13)).id(), r.getString(14), r.getString(15), r.getString(16), compliance(compliance),
                r.getString(18), r.getString(19), r.getString(20), instant(r, 21), instant(r, 22), instant(r, 23), instant(r, 24),
                locations(r.getArray(25)), r.getInt(26));
    }

    private static List<String> locations(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }

    private Map<String, List<String>> compliance(String text) {
        if (text == null || text.equals("{}")) {
            return Map.of();
        }
        try {
            return complianceReader.readValue(text);
        } catch (Exception e) {
            throw new IllegalStateException("stored compliance mapping is not valid JSON", e);
        }
    }

    static Instant instant(ResultSet r, int column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
