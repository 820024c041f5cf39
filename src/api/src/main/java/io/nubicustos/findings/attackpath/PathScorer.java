package io.nubicustos.findings.attackpath;

import java.util.List;

/**
 * Scores a path. Exploitability = 100 x exposure of the entry x the ease of every step x 0.97 per
 * hop after the first; impact comes from the target; the score is their geometric mean, so an easy
 * path to nothing and a hard path to everything both stay low.
 */
public final class PathScorer {

    static final double HOP_DECAY = 0.97;

    private PathScorer() {
    }

    public static int exploitability(double exposure, List<PathStep> steps) {
        double e = 100 * exposure * Math.pow(HOP_DECAY, Math.max(0, steps.size() - 1));
        for (PathStep s : steps) {
            e *= s.assessment().ease();
        }
        return clamp(e);
    }

    public static int score(int exploitability, int impact) {
        return clamp(Math.sqrt((double) exploitability * impact));
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(100, Math.round(value)));
    }
}
