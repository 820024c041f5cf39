package io.nubicustos.findings.finding;

import java.util.Map;

/**
 * Counts of the findings a filter selects.
 *
 * @param bySeverityAndStatus severity to status to count
 * @param byTool a finding reported by two tools counts once for each
 */
public record FindingSummary(long total, Map<String, Map<String, Long>> bySeverityAndStatus, Map<String, Long> byTool,
        Map<String, Long> byProvider) {
}
