package io.nubicustos.operator.scanjob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/**
 * The identity of API-reading scans: from a tenant namespace a RoleBinding there (its own namespace
 * only), recreated when deleted and removed on release; from a cluster-scope namespace no binding at
 * all (the chart's ClusterRoleBinding); never a ClusterRoleBinding, and never a change to a
 * same-named object the namespace's owner made.
 */
@EnableKubernetesMockClient(crud = true)
class AuditAccessTest {

    static KubernetesClient client;

    final AuditAccess access = new AuditAccess(TestCatalog.settings());

    RoleBinding binding(String namespace) {
        return client.rbac().roleBindings().inNamespace(namespace).withName("nubicustos-audit").get();
    }

    @Test
    void aTenantNamespaceGetsARoleBindingToTheAuditRoleThereAndNoClusterRoleBinding() {
        access.ensure(client, "staging");
        access.ensure(client, "staging");

        assertThat(binding("staging")).satisfies(b -> {
            assertThat(b.getRoleRef().getKind()).isEqualTo("ClusterRole");
            assertThat(b.getRoleRef().getName()).isEqualTo("nubicustos-audit");
            assertThat(b.getSubjects()).singleElement().satisfies(s -> {
                assertThat(s.getName()).isEqualTo("nubicustos-audit");
                assertThat(s.getNamespace()).isEqualTo("staging");
            });
        });
        assertThat(client.serviceAccounts().inNamespace("staging").withName("nubicustos-audit").get().getAutomountServiceAccountToken())
                .isFalse();
        assertThat(client.rbac().clusterRoleBindings().list().getItems()).isEmpty();
    }

    @Test
    void aDeletedBindingOrServiceAccountIsRecreatedForTheNextRunAndReleaseRemovesBoth() {
        access.ensure(client, "testing");
        client.rbac().roleBindings().inNamespace("testing").withName("nubicustos-audit").delete();
        client.serviceAccounts().inNamespace("testing").withName("nubicustos-audit").delete();

        access.ensure(client, "testing");
        assertThat(binding("testing")).isNotNull();
        assertThat(client.serviceAccounts().inNamespace("testing").withName("nubicustos-audit").get()).isNotNull();

        access.release(client, "testing");
        assertThat(binding("testing")).isNull();
        assertThat(client.serviceAccounts().inNamespace("testing").withName("nubicustos-audit").get()).isNull();
    }

    @Test
    void aClusterScopeNamespaceGetsItsServiceAccountButNoBindingFromTheOperator() {
        access.ensure(client, "nubicustos-system");

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

        access.ensure(client, "finance");
        access.release(client, "finance");

        assertThat(binding("finance").getRoleRef().getName()).isEqualTo("view");
    }
}
