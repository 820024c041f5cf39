package io.nubicustos.findings.finding;

import java.time.Instant;

/**
 * A requested status change.
 *
 * @param owner who accepted the risk (required for risk_accepted)
 * @param expiresAt when an accepted risk must be looked at again (required for risk_accepted)
 */
public record StatusChange(String status, String reason, String owner, Instant expiresAt) {
}
