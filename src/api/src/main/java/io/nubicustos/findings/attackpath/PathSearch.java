package io.nubicustos.findings.attackpath;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

import io.nubicustos.findings.graph.AssetKind;

/**
 * Finds attack paths in a scope's graph: from every entry point, a breadth-first search bounded by
 * a number of hops; of the shortest ways to each crown jewel it keeps the easiest. A pure function
 * of the snapshot, bounded in time: when the deadline passes it returns what it has, marked truncated.
 */
public final class PathSearch {

    /** @param maxPaths kept across the scope, the highest scores; @param maxPathsPerEntry kept per entry point */
    public record Limits(int maxHops, int maxPaths, int maxPathsPerEntry, Duration timeout) {
    }

    public record Result(List<AttackPath> paths, boolean truncated, int entryPoints, int crownJewels, int assets) {
    }

    private static final Comparator<AttackPath> BY_SCORE = Comparator.comparingInt(AttackPath::score)
            .thenComparing(AttackPath::id, Comparator.reverseOrder());

    private final String scope;
    private final GraphSnapshot graph;
    private final Targets targets;
    private final Limits limits;
    private final Targets.Impact[] impacts;
    private final StepAssessment[][] assessments;
    private final PriorityQueue<AttackPath> kept = new PriorityQueue<>(BY_SCORE);
    /** Parallel edges (two ScanJobs drawing the same one) would otherwise find the same path twice. */
    private final java.util.Set<String> keptIds = new java.util.HashSet<>();

    private PathSearch(String scope, GraphSnapshot graph, Targets targets, Limits limits) {
        this.scope = scope;
        this.graph = graph;
        this.targets = targets;
        this.limits = limits;
        this.impacts = new Targets.Impact[graph.size()];
        this.assessments = new StepAssessment[graph.size()][];
    }

    public static Result search(String scope, GraphSnapshot graph, Targets targets, Limits limits) {
        return new PathSearch(scope, graph, targets, limits).run();
    }

    private Result run() {
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        int crownJewels = 0;
        for (int i = 0; i < graph.size(); i++) {
            Optional<Targets.Impact> impact = targets.impact(graph, i);
            if (impact.isPresent()) {
                impacts[i] = impact.get();
                crownJewels++;
            }
        }
        int entries = 0;
        boolean truncated = false;
        for (int i = 0; i < graph.size() && !truncated; i++) {
            Asset asset = graph.asset(i);
            double exposure = targets.exposure(asset);
            if (exposure <= 0) {
                continue;
            }
            if (asset.kind() == AssetKind.INTERNET) {
                // Each Internet-facing asset is its own entry point, so every way in is reported, not only the shortest.
                List<GraphSnapshot.Link> links = graph.out(i);
                java.util.Set<Integer> started = new java.util.HashSet<>();
                for (int j = 0; j < links.size(); j++) {
                    if (!started.add(links.get(j).to())) {
                        continue;
                    }
                    if (System.nanoTime() > deadline) {
                        truncated = true;
                        break;
                    }
                    entries++;
                    fromEntry(i, j, exposure);
                }
            } else {
                if (System.nanoTime() > deadline) {
                    truncated = true;
                    break;
                }
                entries++;
                fromEntry(i, -1, exposure);
            }
        }
        List<AttackPath> paths = new ArrayList<>(kept);
        paths.sort(BY_SCORE.reversed());
        return new Result(paths, truncated, entries, crownJewels, graph.size());
    }

    /** How the search reached a node: over which link of which parent, at which depth, how easily overall. */
    private static final class Reached {
        final int depth;
        int parent;
        int link;
        double ease;

        Reached(int depth, int parent, int link, double ease) {
            this.depth = depth;
            this.parent = parent;
            this.link = link;
            this.ease = ease;
        }
    }

    /** @param internetLink the link out of the Internet node {@code start} when the entry is Internet-facing, else -1 */
    private void fromEntry(int start, int internetLink, double exposure) {
        Map<Integer, Reached> reached = new HashMap<>();
        reached.put(start, new Reached(0, -1, -1, 1.0));
        List<Integer> frontier = new ArrayList<>();
        List<AttackPath> found = new ArrayList<>();
        int depth = 0;
        if (internetLink >= 0) {
            int first = graph.out(start).get(internetLink).to();
            reached.put(first, new Reached(1, start, internetLink, assessment(start, internetLink).ease()));
            frontier.add(first);
            depth = 1;
            keepIfTarget(first, reached, exposure, found);
        } else {
            frontier.add(start);
        }
        for (int d = depth + 1; d <= limits.maxHops() && !frontier.isEmpty(); d++) {
            List<Integer> next = new ArrayList<>();
            for (int u : frontier) {
                Reached from = reached.get(u);
                List<GraphSnapshot.Link> links = graph.out(u);
                for (int j = 0; j < links.size(); j++) {
                    int v = links.get(j).to();
                    Reached known = reached.get(v);
                    if (known != null && known.depth < d) {
                        continue;
                    }
                    double ease = from.ease * assessment(u, j).ease();
                    if (known == null) {
                        reached.put(v, new Reached(d, u, j, ease));
                        next.add(v);
                    } else if (ease > known.ease) {
                        known.parent = u;
                        known.link = j;
                        known.ease = ease;
                    }
                }
            }
            for (int v : next) {
                keepIfTarget(v, reached, exposure, found);
            }
            frontier = next;
        }
        found.sort(BY_SCORE.reversed());
        found.stream().limit(limits.maxPathsPerEntry()).forEach(this::keep);
    }

    private void keepIfTarget(int v, Map<Integer, Reached> reached, double exposure, List<AttackPath> found) {
        if (impacts[v] == null) {
            return;
        }
        List<Integer> order = new ArrayList<>();
        for (int at = v; at >= 0; at = reached.get(at).parent) {
            order.add(0, at);
        }
        List<Asset> nodes = new ArrayList<>(order.size());
        List<PathStep> steps = new ArrayList<>(order.size() - 1);
        for (int k = 0; k < order.size(); k++) {
            nodes.add(graph.asset(order.get(k)));
            if (k > 0) {
                int parent = order.get(k - 1);
                int link = reached.get(order.get(k)).link;
                GraphSnapshot.Link l = graph.out(parent).get(link);
                steps.add(new PathStep(k - 1, l.type(), l.action(), assessment(parent, link)));
            }
        }
        int exploitability = PathScorer.exploitability(exposure, steps);
        Targets.Impact impact = impacts[v];
        AttackPath path = new AttackPath(AttackPath.id(scope, nodes, steps), scope, PathScorer.score(exploitability, impact.score()),
                exploitability, impact.score(), impact.reason(), nodes, steps);
        found.add(path);
    }

    private void keep(AttackPath path) {
        if (keptIds.contains(path.id())) {
            return;
        }
        if (kept.size() >= limits.maxPaths()) {
            if (BY_SCORE.compare(path, kept.peek()) <= 0) {
                return;
            }
            keptIds.remove(kept.poll().id());
        }
        kept.add(path);
        keptIds.add(path.id());
    }

    private StepAssessment assessment(int u, int j) {
        StepAssessment[] row = assessments[u];
        if (row == null) {
            row = new StepAssessment[graph.out(u).size()];
            assessments[u] = row;
        }
        if (row[j] == null) {
            GraphSnapshot.Link l = graph.out(u).get(j);
            row[j] = StepRules.assess(graph.asset(u), l.type(), l.action(), graph.asset(l.to()));
        }
        return row[j];
    }
}
