package io.nubicustos.local;

/**
 * How a pod's only container ended, and what its pod and Job say about it.
 *
 * @param exitCode the container's exit code
 * @param failure why the container could not run (the pod's reason too), or null when it ran
 * @param message the termination message, or null
 */
record Termination(int exitCode, String failure, String message) {

    /** The kubelet keeps at most 4096 bytes of a termination message. */
    static final int MAX_MESSAGE = 4096;
    static final String BACKOFF_LIMIT_EXCEEDED = "BackoffLimitExceeded";
    static final String BACKOFF_LIMIT_MESSAGE = "Job has reached the specified backoff limit";

    static Termination failed(String reason, String message) {
        return new Termination(1, reason, message);
    }

    boolean succeeded() {
        return exitCode == 0 && failure == null;
    }

    String containerReason() {
        return failure != null ? failure : succeeded() ? "Completed" : "Error";
    }

    /** Only a failure to run puts the message on the pod; a scanner's own message stays in its container status. */
    String podMessage() {
        return failure == null ? null : message;
    }

    /** No retries here: a failed pod fails its Job as if the backoff limit were reached, unless it could not run at all. */
    String jobReason() {
        return LocalPodRunner.CANNOT_RUN.equals(failure) ? LocalPodRunner.CANNOT_RUN : BACKOFF_LIMIT_EXCEEDED;
    }

    String jobMessage() {
        return LocalPodRunner.CANNOT_RUN.equals(failure) ? message : BACKOFF_LIMIT_MESSAGE;
    }
}
