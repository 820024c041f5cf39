package io.nubicustos.model.graph;

import java.util.Objects;

/**
 * A directed edge between two assets, named by their identities (the same strings findings carry
 * as {@code resource}: {@code Kind/namespace/name}, an ARN, {@link GraphNode#INTERNET} ...).
 *
 * @param action what HAS_PERMISSION allows (s3:*, secrets/get); null for other types
 */
public record GraphEdge(String from, EdgeType type, String to, String action) {

    public GraphEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(to, "to");
    }

    public static GraphEdge of(String from, EdgeType type, String to) {
        return new GraphEdge(from, type, to, null);
    }
}
