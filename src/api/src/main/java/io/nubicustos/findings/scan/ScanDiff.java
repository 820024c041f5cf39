package io.nubicustos.findings.scan;

import java.util.List;
import java.util.UUID;

import io.nubicustos.findings.finding.FindingView;

/**
 * What changed between two runs: findings only the later run saw (new), only the earlier one
 * saw (fixed), and both saw (unchanged). Lists are capped; counts are exact.
 */
public record ScanDiff(UUID from, UUID to, Part added, Part fixed, long unchanged) {

    public record Part(long count, List<FindingView> items) {
    }
}
