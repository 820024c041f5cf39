package io.nubicustos.findings.attackpath;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A path from an entry point to a crown jewel, with its scores.
 *
 * @param id stable while the same assets are linked the same way: a digest of scope, assets and steps
 * @param exploitability 0..100: how exposed the start is, how easy each step, how many there are
 * @param impact 0..100: what the target is worth
 * @param score 0..100: the geometric mean of the two, so a path scores high only when both are
 */
public record AttackPath(String id, String scope, int score, int exploitability, int impact, String impactReason, List<Asset> nodes,
        List<PathStep> steps) {

    public Asset entry() {
        return nodes.get(0);
    }

    public Asset target() {
        return nodes.get(nodes.size() - 1);
    }

    public int hops() {
        return steps.size();
    }

    public List<String> namespaces() {
        return List.copyOf(new TreeSet<>(nodes.stream().map(Asset::namespace).filter(Objects::nonNull).filter(n -> !n.isEmpty()).toList()));
    }

    public List<String> accounts() {
        return List.copyOf(new TreeSet<>(nodes.stream().map(Asset::account).filter(Objects::nonNull).filter(n -> !n.isEmpty()).toList()));
    }

    public static String id(String scope, List<Asset> nodes, List<PathStep> steps) {
        StringBuilder text = new StringBuilder(scope);
        for (int i = 0; i < nodes.size(); i++) {
            text.append('\n').append(nodes.get(i).ref());
            if (i < steps.size()) {
                text.append('\n').append(steps.get(i).type()).append(' ').append(steps.get(i).action() == null ? "" : steps.get(i).action());
            }
        }
        return "ap-" + io.nubicustos.findings.graph.GraphKeys.digest(text.toString());
    }
}
