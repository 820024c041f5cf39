package io.nubicustos.model.ingest;

import java.util.List;

import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.graph.GraphEdge;
import io.nubicustos.model.graph.GraphNode;

/**
 * One chunk of a run's findings as the scanner uploads it.
 *
 * @param tool the tool that produced the report (prowler, trivy, kubernetes ...)
 * @param provider the provider scanned (aws, azure, gcp, kubernetes)
 * @param controls compliance requirements the run checked, passed or failed
 * @param nodes assets the run saw, for the attack-path graph (optional)
 * @param edges relationships between assets, for the attack-path graph (optional)
 */
public record IngestChunk(String tool, String provider, List<NormalizedFinding> findings, List<ControlResult> controls,
        List<GraphNode> nodes, List<GraphEdge> edges) {

    public IngestChunk {
        findings = findings == null ? List.of() : findings;
        controls = controls == null ? List.of() : controls;
        nodes = nodes == null ? List.of() : nodes;
        edges = edges == null ? List.of() : edges;
    }
}
