package io.nubicustos.operator.status;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;

/**
 * What a failed reconcile says in status: the kind of failure and, for the API server, its answer's
 * code; never an exception's message, which may quote the object, a Secret or the server's words.
 */
public final class ReconcileFailure {

    public static final String REASON = "ReconcileFailed";

    private ReconcileFailure() {
    }

    public static String describe(Exception e) {
        Throwable cause = e;
        while (cause instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()) {
            cause = aggregated.getAggregatedExceptions().values().iterator().next();
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k) {
                return "the last reconcile failed: the API server answered " + (k.getCode() > 0 ? k.getCode() : "nothing")
                        + "; it is retried";
            }
        }
        return "the last reconcile failed (" + cause.getClass().getSimpleName() + "); it is retried";
    }
}
