package io.nubicustos.scanner.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.nubicustos.model.graph.GraphNode;

/**
 * The cloud identities a ServiceAccount's pods can assume through their provider's workload
 * identity (EKS IRSA, GKE Workload Identity, Azure Workload Identity), read from the annotations
 * that set it up: where a cluster ends and a cloud account begins on an attack path.
 */
final class WorkloadIdentities {

    /** One provider's annotation, and how its value becomes an identity's key. */
    private record Scheme(String annotation, String kind, String keyPrefix) {
    }

    private static final List<Scheme> SCHEMES = List.of(
            new Scheme("eks.amazonaws.com/role-arn", "IamRole", ""),
            new Scheme("iam.gke.io/gcp-service-account", "GcpServiceAccount", ""),
            // A client id alone is not unique across the provider's identities; the prefix says what it is.
            new Scheme("azure.workload.identity/client-id", "AzureManagedIdentity", "azure:client-id:"));

    private WorkloadIdentities() {
    }

    static List<GraphNode> of(ServiceAccount serviceAccount) {
        Map<String, String> annotations = serviceAccount.getMetadata().getAnnotations();
        List<GraphNode> identities = new ArrayList<>();
        if (annotations == null) {
            return identities;
        }
        for (Scheme scheme : SCHEMES) {
            String value = annotations.get(scheme.annotation());
            if (value != null && !value.isBlank()) {
                identities.add(new GraphNode(scheme.keyPrefix() + value.trim(), scheme.kind(), null, Map.of()));
            }
        }
        return identities;
    }
}
