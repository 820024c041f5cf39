package io.nubicustos.findings.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.nubicustos.api.v1alpha1.common.Durations;
import io.nubicustos.findings.audit.AuditLog;
import io.nubicustos.findings.config.ApiConfig;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes findings no run has seen for longer than the configured age, with their occurrences,
 * and runs older than that. Off unless configured; deletes in slices, so it never holds long locks.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    private static final int SLICE = 10_000;

    private final AgroalDataSource db;
    private final AuditLog audit;
    private final Clock clock;
    private final ApiConfig.Retention config;

    public RetentionJob(AgroalDataSource db, AuditLog audit, Clock clock, ApiConfig config) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.config = config.retention();
        if (this.config.enabled()) {
            Durations.parse(this.config.maxAge()); // fail at start, not at 3 a.m.
        }
    }

    @Scheduled(cron = "{nubicustos.api.retention.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Disabled.class)
    void scheduled() {
        purge();
    }

    /** Purges now if retention is enabled; returns what was deleted. */
    public Purged purge() {
        if (!config.enabled()) {
            return new Purged(0, 0);
        }
        Duration maxAge = Durations.parse(config.maxAge());
        Instant cutoff = clock.instant().minus(maxAge);
        long findings = deleteInSlices("delete from finding where id in (select id from finding where last_seen < ? limit " + SLICE + ")", cutoff);
        long runs = deleteInSlices("delete from scan_run where id in (select id from scan_run where coalesce(completed_at, started_at) < ? limit "
                + SLICE + ")", cutoff);
        if (findings + runs > 0) {
            LOG.infof("retention: deleted %d findings and %d runs older than %s", findings, runs, config.maxAge());
            audit.record(AuditLog.RETENTION_PURGED, "retention", null, null,
                    Map.of("findings", findings, "runs", runs, "maxAge", config.maxAge()), null);
        }
        return new Purged(findings, runs);
    }

    private long deleteInSlices(String sql, Instant cutoff) {
        long total = 0;
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            int deleted;
            do {
                deleted = s.executeUpdate();
                total += deleted;
            } while (deleted == SLICE);
        } catch (SQLException e) {
            throw new IllegalStateException("retention failed", e);
        }
        return total;
    }

    public record Purged(long findings, long runs) {
    }

    /** Skips the schedule while retention is off. */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {

        private final boolean enabled;

        public Disabled(ApiConfig config) {
            this.enabled = config.retention().enabled();
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !enabled;
        }
    }
}
