package io.nubicustos.operator.scanjob;

/**
 * Why a run ends before its Job does.
 *
 * @param outcome {@link RunCompletions#CANCELLED} or {@link RunCompletions#FAILED}
 * @param reason the condition's and the Event's reason
 * @param message what happened, completing "run g1 ..."; never a Secret's or a log's content
 */
public record RunEnding(String outcome, String reason, String message) {

    /** Stopped on purpose: spec.suspend, or DELETE /api/scans/{id}, which sets it. */
    static RunEnding cancelled() {
        return new RunEnding(RunCompletions.CANCELLED, "RunCancelled", "cancelled: spec.suspend is true");
    }

    /** A scan container's image cannot be pulled: waiting for the deadline would change nothing. */
    static RunEnding imagePullFailed(String container, String image, String kubeletReason) {
        return new RunEnding(RunCompletions.FAILED, "ImagePullFailed",
                "failed: image " + image + " of container " + container + " cannot be pulled (" + kubeletReason + ")");
    }
}
