package io.nubicustos.findings.scan;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Kubernetes API errors as answers: conflicts and refusals pass through; the server's text does not. */
final class KubernetesFailure {

    private KubernetesFailure() {
    }

    /** @param conflict what a 409 of this call means, said in the answer */
    static RuntimeException of(KubernetesClientException e, String conflict) {
        return switch (e.getCode()) {
            case 409 -> new io.nubicustos.findings.http.Conflict(conflict);
            case 403 -> new WebApplicationException(Response.Status.FORBIDDEN);
            case 422, 400 -> new io.nubicustos.findings.http.InvalidInput("the Kubernetes API rejected the ScanJob");
            default -> new WebApplicationException(e, Response.Status.SERVICE_UNAVAILABLE);
        };
    }
}
