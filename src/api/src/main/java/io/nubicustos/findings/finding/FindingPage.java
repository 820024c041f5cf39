package io.nubicustos.findings.finding;

import java.util.List;

/** One page of findings; {@code nextCursor} is null on the last page. */
public record FindingPage(List<FindingView> items, String nextCursor, int limit) {
}
