package io.nubicustos.findings.finding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.nubicustos.findings.audit.AuditLog;
import io.nubicustos.findings.http.InvalidInput;
import io.nubicustos.findings.http.NotFound;
import io.nubicustos.findings.security.Caller;

/** Changes a finding's status and records who did it, in one transaction. */
@ApplicationScoped
public class FindingStatusChanges {

    /** Accepted risks must be revisited at least yearly. */
    static final Duration MAX_ACCEPTANCE = Duration.ofDays(366);

    private final AgroalDataSource db;
    private final AuditLog audit;
    private final Clock clock;

    /** A finding's status changed (fired in the transaction; observers act after it commits). */
    public record StatusChanged(String scope, String fingerprint, String status) {
    }

    private final jakarta.enterprise.event.Event<StatusChanged> changed;

    public FindingStatusChanges(AgroalDataSource db, AuditLog audit, Clock clock, jakarta.enterprise.event.Event<StatusChanged> changed) {
        this.changed = changed;
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public void change(long id, StatusChange change, Caller caller) {
        if (change == null || change.status() == null) {
            throw new InvalidInput("status is required");
        }
        FindingStatus status = FindingStatus.parse(change.status());
        Optional<String> reason = FindingFilter.value("reason", change.reason(), 1000);
        Optional<String> owner = FindingFilter.value("owner", change.owner(), 200);
        Instant now = clock.instant();
        Instant expires = change.expiresAt();
        if (status == FindingStatus.RISK_ACCEPTED) {
            if (owner.isEmpty() || expires == null) {
                throw new InvalidInput("risk_accepted requires owner and expiresAt");
            }
            if (!expires.isAfter(now) || expires.isAfter(now.plus(MAX_ACCEPTANCE))) {
                throw new InvalidInput("expiresAt must be in the future and within 366 days");
            }
        } else if (expires != null) {
            throw new InvalidInput("expiresAt applies only to risk_accepted");
        }
        FindingQuery scoped = FindingQuery.of(FindingFilter.none(), caller.scope(), "").and("id = ?", id);
        try (Connection c = db.getConnection()) {
            String previous;
            String scope;
            String fingerprint;
            try (PreparedStatement s = c.prepareStatement("select status, scope, fingerprint from finding where " + scoped.where() + " for update")) {
                scoped.bind(s, 1);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new NotFound();
                    }
                    previous = r.getString(1);
                    scope = r.getString(2);
                    fingerprint = r.getString(3);
                }
            }
            try (PreparedStatement s = c.prepareStatement("update finding set status = ?, status_reason = ?, status_owner = ?, "
                    + "status_expires_at = ?, status_changed_at = ?, status_changed_by = ?, "
                    + "fixed_at = case when ? = 'resolved' then coalesce(fixed_at, ?) when ? = 'open' then null else fixed_at end "
                    + "where id = ?")) {
                s.setString(1, status.id());
                s.setString(2, reason.orElse(null));
                s.setString(3, owner.orElse(null));
                if (expires == null) {
                    s.setNull(4, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    s.setTimestamp(4, Timestamp.from(expires));
                }
                s.setTimestamp(5, Timestamp.from(now));
                s.setString(6, caller.keyId());
                s.setString(7, status.id());
                s.setTimestamp(8, Timestamp.from(now));
                s.setString(9, status.id());
                s.setLong(10, id);
                s.executeUpdate();
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("from", previous);
            detail.put("to", status.id());
            audit.record(AuditLog.FINDING_STATUS_CHANGED, caller.keyId(), caller.client(), "finding/" + id, detail, caller.requestId());
            changed.fire(new StatusChanged(scope, fingerprint, status.id()));
        } catch (SQLException e) {
            throw new IllegalStateException("status change failed", e);
        }
    }
}
