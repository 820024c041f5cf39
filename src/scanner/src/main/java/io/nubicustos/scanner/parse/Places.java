package io.nubicustos.scanner.parse;

/**
 * Places within a resource, as tools write them ({@link io.nubicustos.model.finding.NormalizedFinding#locations()}).
 * A finding's identity leaves out the region (an account-wide check fails once per region), so
 * the place names it.
 */
final class Places {

    private Places() {
    }

    /** "eu-west-1: Access Analyzer is not enabled"; the detail alone when it names its region already. */
    static String regional(String region, String detail) {
        if (detail == null || detail.isBlank()) {
            return region == null || region.isBlank() ? null : region;
        }
        if (region == null || region.isBlank() || detail.startsWith(region)) {
            return detail;
        }
        return region + ": " + detail;
    }
}
