package io.nubicustos.model.graph;

/**
 * What one asset can do to the next on an attack path. Scanners send these; {@code HAS_FINDING}
 * is drawn by the API itself from the findings of a run.
 */
public enum EdgeType {
    /** Network reachability: the Internet or a workload can open a connection to it. */
    CAN_REACH,
    /** A workload runs with a ServiceAccount's token. */
    RUNS_AS,
    /** Workload identity (IRSA, GKE, Azure) or role assumption: one identity becomes another. */
    CAN_ASSUME,
    /** An RBAC subject is bound to a Role or ClusterRole. */
    BOUND_TO,
    /** An identity may perform {@code action} on a resource (s3:*, secrets/get ...). */
    HAS_PERMISSION,
    /** A workload mounts a Secret or a node's filesystem. */
    MOUNTS,
    /** A workload runs on a node. */
    RUNS_ON,
    /** A role can read Secrets. */
    CAN_READ,
    /** A namespace belongs to a NetworkSegment. */
    IN_SEGMENT,
    /** An asset has an open finding (drawn by the API). */
    HAS_FINDING;

    /** Whether an attacker can move along this edge (IN_SEGMENT and HAS_FINDING describe, they do not lead). */
    public boolean traversable() {
        return this != IN_SEGMENT && this != HAS_FINDING;
    }
}
