package io.nubicustos.findings.attackpath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.nubicustos.model.graph.EdgeType;

/** A scope's assets and the edges an attacker can follow, indexed for the search. */
public final class GraphSnapshot {

    /** An edge out of an asset. */
    public record Link(int to, EdgeType type, String action) {
    }

    private final List<Asset> assets = new ArrayList<>();
    private final Map<String, Integer> byRef = new HashMap<>();
    private final List<List<Link>> out = new ArrayList<>();

    /** Adds an asset, or returns the index of the one with the same ref. */
    public int add(Asset asset) {
        Integer known = byRef.get(asset.ref());
        if (known != null) {
            return known;
        }
        assets.add(asset);
        out.add(new ArrayList<>(2));
        byRef.put(asset.ref(), assets.size() - 1);
        return assets.size() - 1;
    }

    /** Adds an edge between two known refs; edges to unknown assets and non-traversable ones are left out. */
    public void link(String from, EdgeType type, String to, String action) {
        Integer a = byRef.get(from);
        Integer b = byRef.get(to);
        if (a != null && b != null && type.traversable() && !a.equals(b)) {
            out.get(a).add(new Link(b, type, action == null || action.isEmpty() ? null : action));
        }
    }

    public int size() {
        return assets.size();
    }

    public int edgeCount() {
        return out.stream().mapToInt(List::size).sum();
    }

    public Asset asset(int i) {
        return assets.get(i);
    }

    public List<Link> out(int i) {
        return out.get(i);
    }
}
