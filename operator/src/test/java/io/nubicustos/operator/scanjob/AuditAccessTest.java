package io.nubicustos.operator.scanjob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;

/**
 * The identity of API-reading scans: from a tenant namespace a RoleBinding there (its own namespace
 * only), owned by every ScanJob that uses it and recreated when deleted; from a cluster-scope
 * namespace no binding at all (the chart's ClusterRoleBinding); never a ClusterRoleBinding, and never
 * a change to a same-named object the namespace's owner made.
 */
@EnableKubernetesMockClient(crud = true)
class AuditAccessTest {

    static KubernetesClient client;

    final AuditAccess access = new AuditAccess(TestCatalog.settings());

    static ScanJob scanJob(String namespace, String name, String uid) {
        ScanJob scanJob = TestCatalog.scanJob("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: %s, namespace: %s}
                spec: {tool: kubernetes, provider: kubernetes}
                """.formatted(name, namespace));
        scanJob.getMetadata().setUid(uid);
        return scanJob;
    }

    RoleBinding binding(String namespace) {
        return client.rbac().roleBindings().inNamespace(namespace).withName("nubicustos-audit").get();
    }

    @Test
    void aTenantNamespaceGetsARoleBindingOwnedByItsScanJobsAndNoClusterRoleBinding() {
        ScanJob first = scanJob("staging", "audit", "uid-1");
        ScanJob second = scanJob("staging", "trivy", "uid-2");
        access.ensure(client, first);
        access.ensure(client, second);
        access.ensure(client, first);

        assertThat(binding("staging")).satisfies(b -> {
            assertThat(b.getRoleRef().getKind()).isEqualTo("ClusterRole");
            assertThat(b.getRoleRef().getName()).isEqualTo("nubicustos-audit");
            assertThat(b.getSubjects()).singleElement().satisfies(s -> {
                assertThat(s.getName()).isEqualTo("nubicustos-audit");
                assertThat(s.getNamespace()).isEqualTo("staging");
            });
            assertThat(b.getMetadata().getOwnerReferences()).extracting(o -> o.getUid()).containsExactly("uid-1", "uid-2");
            assertThat(b.getMetadata().getOwnerReferences()).allSatisfy(o -> assertThat(o.getController()).isNotEqualTo(Boolean.TRUE));
        });
        assertThat(client.serviceAccounts().inNamespace("staging").withName("nubicustos-audit").get().getMetadata().getOwnerReferences())
                .extracting(o -> o.getUid()).containsExactly("uid-1", "uid-2");
        assertThat(client.rbac().clusterRoleBindings().list().getItems()).isEmpty();
    }

    @Test
    void aDeletedBindingOrServiceAccountIsRecreatedForTheNextRun() {
        ScanJob scanJob = scanJob("testing", "audit", "uid-3");
        access.ensure(client, scanJob);
        client.rbac().roleBindings().inNamespace("testing").withName("nubicustos-audit").delete();
        client.serviceAccounts().inNamespace("testing").withName("nubicustos-audit").delete();

        access.ensure(client, scanJob);

        assertThat(binding("testing")).isNotNull();
        assertThat(client.serviceAccounts().inNamespace("testing").withName("nubicustos-audit").get()).isNotNull();
    }

    @Test
    void aClusterScopeNamespaceGetsItsServiceAccountButNoBindingFromTheOperator() {
        access.ensure(client, scanJob("nubicustos-system", "audit", "uid-4"));

        assertThat(client.serviceAccounts().inNamespace("nubicustos-system").withName("nubicustos-audit").get()).isNotNull();
        assertThat(binding("nubicustos-system")).isNull();
        assertThat(client.rbac().clusterRoleBindings().list().getItems()).isEmpty();
    }

    @Test
    void aSameNamedBindingTheNamespaceOwnerMadeIsLeftAsItIs() {
        client.resource(new RoleBindingBuilder().withNewMetadata().withName("nubicustos-audit").withNamespace("finance").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "view")
                .addNewSubject().withKind("ServiceAccount").withName("nubicustos-audit").withNamespace("finance").endSubject()
                .build()).create();

        access.ensure(client, scanJob("finance", "audit", "uid-5"));

        assertThat(binding("finance").getRoleRef().getName()).isEqualTo("view");
        assertThat(binding("finance").getMetadata().getOwnerReferences()).isNullOrEmpty();
    }
}
