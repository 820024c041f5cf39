package io.nubicustos.operator.scanjob;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nubicustos.model.kubernetes.Labels;
import io.nubicustos.operator.config.ScanSettings;

/**
 * The read-only identity of scans that read the Kubernetes API (the built-in audit, Trivy,
 * Kubescape, Prowler on kubernetes): a ServiceAccount of the ScanJob's namespace. In a namespace the
 * admin lists as cluster-scope, the chart binds it cluster-wide; everywhere else the operator binds
 * it by a RoleBinding to the chart's audit ClusterRole, which grants its rights in that namespace
 * only. The operator never creates a ClusterRoleBinding. Both are read again before every run, so
 * a deleted one is recreated instead of remembered, and removed when the namespace's last ScanJob
 * that reads the API is deleted. (Not by owner references: one owner per ScanJob would grow
 * without bound in a namespace with many.)
 */
@ApplicationScoped
public class AuditAccess {

    private final ScanSettings settings;
    private final AuditScope scope;

    public AuditAccess(ScanSettings settings) {
        this.settings = settings;
        this.scope = AuditScope.of(settings);
    }

    public void ensure(KubernetesClient client, String namespace) {
        String name = settings.auditServiceAccount();
        if (client.serviceAccounts().inNamespace(namespace).withName(name).get() == null) {
            createOrAdopt(client, serviceAccount(namespace, name));
        }
        if (!scope.clusterWide(namespace) && client.rbac().roleBindings().inNamespace(namespace).withName(name).get() == null) {
            createOrAdopt(client, roleBinding(namespace, name, settings.auditClusterRole()));
        }
    }

    /** Removes the namespace's audit identity, where the operator made it; a same-named object of the namespace's owner stays. */
    public void release(KubernetesClient client, String namespace) {
        String name = settings.auditServiceAccount();
        RoleBinding binding = client.rbac().roleBindings().inNamespace(namespace).withName(name).get();
        if (binding != null && managed(binding)) {
            client.resource(binding).delete();
        }
        ServiceAccount account = client.serviceAccounts().inNamespace(namespace).withName(name).get();
        if (account != null && managed(account)) {
            client.resource(account).delete();
        }
    }

    static ServiceAccount serviceAccount(String namespace, String name) {
        return new ServiceAccountBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels(Labels.MANAGED_BY, Labels.OPERATOR).endMetadata()
                .withAutomountServiceAccountToken(false)
                .build();
    }

    static RoleBinding roleBinding(String namespace, String name, String clusterRole) {
        return new RoleBindingBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels(Labels.MANAGED_BY, Labels.OPERATOR).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
                .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(namespace).endSubject()
                .build();
    }

    /** Only what the operator created is touched; a same-named object of the namespace's owner is used as it is. */
    private static boolean managed(HasMetadata object) {
        return object.getMetadata().getLabels() != null
                && Labels.OPERATOR.equals(object.getMetadata().getLabels().get(Labels.MANAGED_BY));
    }

    private static void createOrAdopt(KubernetesClient client, HasMetadata object) {
        try {
            client.resource(object).create();
        } catch (KubernetesClientException e) {
            // Another run of the namespace created it between the read and the create: it is used as it is.
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }
}
