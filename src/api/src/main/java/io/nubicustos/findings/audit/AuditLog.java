package io.nubicustos.findings.audit;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Writes the audit trail: who (a key id), when, from where, what. Details are ids and statuses,
 * never finding contents, keys or credentials.
 */
@ApplicationScoped
public class AuditLog {

    public static final String AUTHENTICATION_FAILED = "authentication_failed";
    public static final String FINDING_STATUS_CHANGED = "finding_status_changed";
    public static final String EXPORT_REQUESTED = "export_requested";
    public static final String SCAN_STARTED = "scan_started";
    public static final String SCAN_CANCELLED = "scan_cancelled";
    public static final String KEY_CREATED = "api_key_created";
    public static final String KEY_REVOKED = "api_key_revoked";
    public static final String RETENTION_PURGED = "retention_purged";
    /** A run completed as succeeded without findings, on its scanner's word that the report was a clean scan's. */
    public static final String RUN_COMPLETED_EMPTY = "run_completed_empty";
    /** A run's completion refused because it could have resolved findings it had no grounds to. */
    public static final String RUN_COMPLETION_REFUSED = "run_completion_refused";

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    /** Joins the caller's transaction, so an audited change and its record commit together. */
    @Transactional
    public void record(String action, String actor, String client, String target, Map<String, Object> detail, String requestId) {
        AuditEventEntity event = new AuditEventEntity();
        event.at = clock.instant();
        event.action = action;
        event.actor = actor;
        event.client = client;
        event.target = target;
        event.detail = detail == null ? Map.of() : detail;
        event.requestId = requestId;
        event.persist();
    }

    /** A scan pod's act, in a transaction of its own: a refused request's failure must not undo its record. */
    public void recordSeparately(String action, String actor, String target, Map<String, Object> detail) {
        QuarkusTransaction.requiringNew().run(() -> record(action, actor, null, target, detail, null));
    }

    /** In a transaction of its own: the refused request has none, and its failure must not undo this. */
    public void authenticationFailed(String keyId, String client, String requestId) {
        QuarkusTransaction.requiringNew().run(() -> record(AUTHENTICATION_FAILED, keyId, client, null, Map.of(), requestId));
    }
}
