package io.nubicustos.findings.attackpath;

import io.nubicustos.findings.graph.AssetKind;
import io.nubicustos.model.graph.EdgeType;

/** The ATT&CK technique of each kind of step: a table, decided by the edge and the kinds of its ends. */
public final class Techniques {

    private Techniques() {
    }

    public static Technique of(EdgeType type, AssetKind from, AssetKind to, boolean toDataStore) {
        return switch (type) {
            case CAN_REACH -> from == AssetKind.WORKLOAD ? Technique.REMOTE_SERVICES : Technique.EXPLOIT_PUBLIC_FACING;
            case RUNS_AS -> Technique.STEAL_ACCESS_TOKEN;
            case BOUND_TO -> Technique.VALID_ACCOUNTS;
            case CAN_ASSUME -> Technique.CLOUD_ACCOUNTS;
            case HAS_PERMISSION -> toDataStore ? Technique.CLOUD_STORAGE
                    : to == AssetKind.IDENTITY || to == AssetKind.CLOUD_ACCOUNT ? Technique.ACCOUNT_MANIPULATION : Technique.CLOUD_ACCOUNTS;
            case MOUNTS -> to == AssetKind.NODE ? Technique.ESCAPE_TO_HOST : Technique.CREDENTIALS_IN_FILES;
            case RUNS_ON -> Technique.ESCAPE_TO_HOST;
            case CAN_READ -> Technique.CONTAINER_API;
            case IN_SEGMENT -> Technique.PERMISSION_GROUPS;
            case HAS_FINDING -> null;
        };
    }
}
