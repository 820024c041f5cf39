package io.nubicustos.operator.scanjob;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.operator.config.ScanSettings;

/**
 * The read-only identity of scans that read the Kubernetes API (the built-in audit, Trivy,
 * Kubescape, Prowler on kubernetes): a ServiceAccount of the ScanJob's namespace. In a namespace the
 * admin lists as cluster-scope, the chart binds it cluster-wide; everywhere else the operator binds
 * it by a RoleBinding to the chart's audit ClusterRole, which grants its rights in that namespace
 * only. The operator never creates a ClusterRoleBinding. Both are owned by the ScanJobs that use them, so the garbage
 * collector removes them with the last one; they are read again before every run, so a deleted
 * one is recreated instead of remembered.
 */
@ApplicationScoped
public class AuditAccess {

    private final ScanSettings settings;
    private final AuditScope scope;

    public AuditAccess(ScanSettings settings) {
        this.settings = settings;
        this.scope = AuditScope.of(settings);
    }

    public void ensure(KubernetesClient client, ScanJob scanJob) {
        String namespace = scanJob.getMetadata().getNamespace();
        String name = settings.auditServiceAccount();
        ServiceAccount account = client.serviceAccounts().inNamespace(namespace).withName(name).get();
        if (account == null) {
            createOrAdopt(client, serviceAccount(namespace, name, owner(scanJob)));
        } else if (managed(account)) {
            addOwner(client, account, scanJob);
        }
        if (scope.clusterWide(namespace)) {
            return;
        }
        RoleBinding binding = client.rbac().roleBindings().inNamespace(namespace).withName(name).get();
        if (binding == null) {
            createOrAdopt(client, roleBinding(namespace, name, settings.auditClusterRole(), owner(scanJob)));
        } else if (managed(binding)) {
            addOwner(client, binding, scanJob);
        }
    }

    static ServiceAccount serviceAccount(String namespace, String name, OwnerReference owner) {
        return new ServiceAccountBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", ScanJobFactory.MANAGED_BY)
                .withOwnerReferences(owner).endMetadata()
                .withAutomountServiceAccountToken(false)
                .build();
    }

    static RoleBinding roleBinding(String namespace, String name, String clusterRole, OwnerReference owner) {
        return new RoleBindingBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", ScanJobFactory.MANAGED_BY)
                .withOwnerReferences(owner).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
                .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(namespace).endSubject()
                .build();
    }

    /** Not a controller reference: the identity is shared by every ScanJob of the namespace that reads the API. */
    static OwnerReference owner(ScanJob scanJob) {
        return new OwnerReferenceBuilder().withApiVersion(scanJob.getApiVersion()).withKind(scanJob.getKind())
                .withName(scanJob.getMetadata().getName()).withUid(scanJob.getMetadata().getUid()).build();
    }

    /** Only what the operator created is touched; a same-named object of the namespace's owner is used as it is. */
    private static boolean managed(HasMetadata object) {
        return object.getMetadata().getLabels() != null
                && ScanJobFactory.MANAGED_BY.equals(object.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
    }

    private static <T extends HasMetadata> void addOwner(KubernetesClient client, T object, ScanJob scanJob) {
        if (!object.hasOwnerReferenceFor(scanJob)) {
            client.resource(object).edit(o -> {
                o.addOwnerReference(owner(scanJob));
                return o;
            });
        }
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
