package io.nubicustos.operator.scanjob;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nubicustos.operator.config.ScanSettings;

/**
 * The read-only identity of scans that read the Kubernetes API (the built-in audit, Trivy,
 * Kubescape, Prowler on kubernetes): a ServiceAccount in the ScanJob's namespace, bound to the
 * chart's {@code nubicustos-audit} ClusterRole (get/list/watch on what is audited, nothing on
 * Secrets). Created once per namespace and shared by its ScanJobs.
 */
@ApplicationScoped
public class AuditAccess {

    private final ScanSettings settings;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    public AuditAccess(ScanSettings settings) {
        this.settings = settings;
    }

    public void ensure(KubernetesClient client, String namespace) {
        if (ready.contains(namespace)) {
            return;
        }
        String name = settings.auditServiceAccount();
        createIfAbsent(client, new ServiceAccountBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", ScanJobFactory.MANAGED_BY).endMetadata()
                .withAutomountServiceAccountToken(false)
                .build());
        createIfAbsent(client, new ClusterRoleBindingBuilder()
                .withNewMetadata().withName(name + "-" + namespace)
                .addToLabels("app.kubernetes.io/managed-by", ScanJobFactory.MANAGED_BY).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", settings.auditClusterRole())
                .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(namespace).endSubject()
                .build());
        ready.add(namespace);
    }

    private static void createIfAbsent(KubernetesClient client, HasMetadata object) {
        try {
            client.resource(object).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }
}
