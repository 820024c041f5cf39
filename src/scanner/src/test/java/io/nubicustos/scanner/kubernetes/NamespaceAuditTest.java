package io.nubicustos.scanner.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.graph.GraphNode;

/**
 * A tenant's audit ({@code audit-kubernetes --namespace}) with the rights its RoleBinding gives:
 * it asks the API for its own namespace only, nothing cluster-scoped, and what it reports (findings
 * and graph) names nothing of a neighbour, even a privileged pod bound to cluster-admin next door.
 */
@EnableKubernetesMockClient(crud = true)
class NamespaceAuditTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    static void create(String yaml) {
        // A leading "---" makes the flow-style YAML read as YAML, not JSON.
        client.resource(client.getKubernetesSerialization().unmarshal("---\n" + yaml, HasMetadata.class)).create();
    }

    @BeforeAll
    static void plant() {
        for (String ns : List.of("staging", "production")) {
            create("{apiVersion: v1, kind: Namespace, metadata: {name: " + ns + "}}");
            create("{apiVersion: v1, kind: ServiceAccount, metadata: {name: app, namespace: " + ns + "}}");
            create("{apiVersion: v1, kind: Pod, metadata: {name: app, namespace: " + ns + "}, spec: {serviceAccountName: app, containers: "
                    + "[{name: app, image: nginx:latest, securityContext: {privileged: true}}]}}");
        }
        create("{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: production-admin}, "
                + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}, "
                + "subjects: [{kind: ServiceAccount, name: app, namespace: production}]}");
    }

    @Test
    void readsAndReportsItsOwnNamespaceOnly() throws InterruptedException {
        drain();
        KubernetesAudit.Result result = KubernetesAudit.run(ClusterSnapshot.readNamespace(client, "test", "staging"));

        List<String> paths = new ArrayList<>();
        for (RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS); request != null;
                request = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
            paths.add(request.getPath());
        }
        assertThat(paths).hasSize(7).allSatisfy(path -> assertThat(path).contains("/namespaces/staging/"));

        assertThat(result.findings()).isNotEmpty().extracting(NormalizedFinding::resource)
                .allSatisfy(resource -> assertThat(resource).contains("/staging").doesNotContain("production"));
        assertThat(result.findings()).extracting(NormalizedFinding::checkId).contains(AuditChecks.PRIVILEGED.id());
        assertThat(result.nodes()).extracting(GraphNode::key).noneMatch(key -> key.contains("production"));
        assertThat(result.edges()).noneMatch(edge -> edge.toString().contains("production") || edge.toString().contains("cluster-admin"));
    }

    @Test
    void theClusterWideAuditSeesBothForContrast() {
        KubernetesAudit.Result result = KubernetesAudit.run(ClusterSnapshot.read(client, "test"));
        assertThat(result.findings()).extracting(NormalizedFinding::resource).anyMatch(resource -> resource.contains("/production/"));
    }

    private static void drain() throws InterruptedException {
        while (server.takeRequest(100, TimeUnit.MILLISECONDS) != null) {
            // the planting requests
        }
    }
}
