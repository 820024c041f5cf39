package io.nubicustos.scanner.kubernetes;

import java.util.List;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nubicustos.model.kubernetes.Labels;

/**
 * What the audit reads, read once, with list/watch rights only: never a Secret (secrets in
 * environment variables are found in pod specs).
 */
public record ClusterSnapshot(String cluster, List<Namespace> namespaces, List<Pod> pods, List<ServiceAccount> serviceAccounts,
        List<Service> services, List<Ingress> ingresses, List<NetworkPolicy> networkPolicies, List<Role> roles,
        List<ClusterRole> clusterRoles, List<RoleBinding> roleBindings, List<ClusterRoleBinding> clusterRoleBindings) {

    /**
     * The pods worth auditing: not finished ones (a completed Job's pod runs nothing and can be
     * reached by nobody), and not this project's own scan pods, which are hardened, short-lived and
     * would otherwise show up anew, under a new Job name, in every audit.
     */
    public static List<Pod> liveWorkloads(List<Pod> pods) {
        return pods.stream()
                .filter(p -> p.getStatus() == null || !("Succeeded".equals(p.getStatus().getPhase()) || "Failed".equals(p.getStatus().getPhase())))
                .filter(p -> p.getMetadata().getLabels() == null
                        || !Labels.OPERATOR.equals(p.getMetadata().getLabels().get(Labels.MANAGED_BY)))
                .toList();
    }

    /**
     * One namespace only, with the rights a RoleBinding gives there: nothing cluster-scoped is read
     * (no Namespace object, ClusterRole or ClusterRoleBinding), so the namespace stands for itself by
     * its name label and cluster-wide grants are not seen.
     */
    public static ClusterSnapshot readNamespace(KubernetesClient client, String cluster, String namespace) {
        Namespace own = new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(namespace)
                .addToLabels("kubernetes.io/metadata.name", namespace).endMetadata().build();
        return new ClusterSnapshot(cluster,
                List.of(own),
                liveWorkloads(client.pods().inNamespace(namespace).list().getItems()),
                client.serviceAccounts().inNamespace(namespace).list().getItems(),
                client.services().inNamespace(namespace).list().getItems(),
                client.network().v1().ingresses().inNamespace(namespace).list().getItems(),
                client.network().v1().networkPolicies().inNamespace(namespace).list().getItems(),
                client.rbac().roles().inNamespace(namespace).list().getItems(),
                List.of(),
                client.rbac().roleBindings().inNamespace(namespace).list().getItems(),
                List.of());
    }

    public static ClusterSnapshot read(KubernetesClient client, String cluster) {
        return new ClusterSnapshot(cluster,
                client.namespaces().list().getItems(),
                liveWorkloads(client.pods().inAnyNamespace().list().getItems()),
                client.serviceAccounts().inAnyNamespace().list().getItems(),
                client.services().inAnyNamespace().list().getItems(),
                client.network().v1().ingresses().inAnyNamespace().list().getItems(),
                client.network().v1().networkPolicies().inAnyNamespace().list().getItems(),
                client.rbac().roles().inAnyNamespace().list().getItems(),
                client.rbac().clusterRoles().list().getItems(),
                client.rbac().roleBindings().inAnyNamespace().list().getItems(),
                client.rbac().clusterRoleBindings().list().getItems());
    }
}
