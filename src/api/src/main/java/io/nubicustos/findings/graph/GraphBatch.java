package io.nubicustos.findings.graph;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nubicustos.model.graph.GraphEdge;
import io.nubicustos.model.graph.GraphNode;

/**
 * What one run adds to its scope's graph: assets (from the scanner's nodes, the findings' resources
 * and the edges' ends), edges, and findings on assets. Built as a pure function, written by
 * {@link GraphWriter} in batches. A run's findings may instead come page by page (see
 * {@link GraphWriter#write(String, String, String, List, List, GraphWriter.FindingPages)}).
 *
 * @param source whose edges these are (the ScanJob): its next run replaces them
 * @param run the run that wrote them
 */
public record GraphBatch(String scope, String source, String run, Collection<AssetRow> assets, List<GraphEdge> edges,
        List<FindingRow> findings) {

    public record AssetRow(String ref, AssetKind kind, String type, String namespace, String account, Map<String, String> labels) {
    }

    /** A finding on the asset named {@code ref}. */
    public record FindingRow(String ref, String resourceType, String namespace, String account, FindingFact fact) {
    }

    public static GraphBatch of(String scope, String source, String run, List<GraphNode> nodes, List<GraphEdge> edges, List<FindingRow> findings) {
        Map<String, AssetRow> assets = new LinkedHashMap<>();
        for (GraphNode n : nodes) {
            assets.put(n.key(), new AssetRow(n.key(), AssetKind.classify(n.kind(), n.key()), n.kind(), n.namespace(), null, n.labels()));
        }
        assets.putAll(assets(assets, findings));
        for (GraphEdge e : edges) {
            for (String ref : List.of(e.from(), e.to())) {
                assets.computeIfAbsent(ref, r -> new AssetRow(r, AssetKind.classify(null, r), AssetKind.kubernetesKind(r), null, null, Map.of()));
            }
        }
        return new GraphBatch(scope, source, run, assets.values(), edges, findings);
    }

    /**
     * The assets {@code findings} are on, each what {@code known} (the scanner's nodes) says of it completed by its
     * findings: the first to know a value gives it.
     */
    static Map<String, AssetRow> assets(Map<String, AssetRow> known, List<FindingRow> findings) {
        Map<String, AssetRow> assets = new LinkedHashMap<>();
        for (FindingRow f : findings) {
            AssetRow row = new AssetRow(f.ref(), AssetKind.classify(f.resourceType(), f.ref()), f.resourceType(), f.namespace(), f.account(), Map.of());
            AssetRow before = assets.containsKey(f.ref()) ? assets.get(f.ref()) : known.get(f.ref());
            assets.put(f.ref(), before == null ? row : merge(before, row));
        }
        return assets;
    }

    /** A scanner's node knows kind and labels; a finding may know the account. */
    private static AssetRow merge(AssetRow known, AssetRow more) {
        return new AssetRow(known.ref(), known.kind(), known.type() != null ? known.type() : more.type(),
                known.namespace() != null && !known.namespace().isEmpty() ? known.namespace() : more.namespace(),
                known.account() != null ? known.account() : more.account(), known.labels().isEmpty() ? more.labels() : known.labels());
    }
}
