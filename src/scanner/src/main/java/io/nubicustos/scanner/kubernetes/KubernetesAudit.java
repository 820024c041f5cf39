package io.nubicustos.scanner.kubernetes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.nubicustos.model.finding.KubernetesIdentity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.graph.EdgeType;
import io.nubicustos.model.graph.GraphEdge;
import io.nubicustos.model.graph.GraphNode;
import io.nubicustos.model.kubernetes.Labels;

/**
 * The built-in audit: posture checks over a cluster snapshot ({@link AuditChecks}) and the
 * attack-path graph: the assets, and the edges between them. A pure function of the snapshot.
 */
public final class KubernetesAudit {

    /** The label the operator's NetworkSegment puts on the NetworkPolicies it renders. */

    /**
     * Findings and graph of one audit.
     *
     * @param nodes every asset a finding or an edge names, sorted by key
     */
    public record Result(List<NormalizedFinding> findings, List<GraphNode> nodes, List<GraphEdge> edges) {
    }

    private final ClusterSnapshot cluster;
    private final Map<String, List<Pod>> podsByNamespace = new HashMap<>();
    private final List<NormalizedFinding> findings = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final AttackGraph graph;

    private KubernetesAudit(ClusterSnapshot cluster) {
        this.cluster = cluster;
        this.graph = new AttackGraph(cluster);
        cluster.pods().forEach(p -> podsByNamespace.computeIfAbsent(p.getMetadata().getNamespace(), ns -> new ArrayList<>()).add(p));
    }

    public static Result run(ClusterSnapshot cluster) {
        KubernetesAudit audit = new KubernetesAudit(cluster);
        cluster.pods().forEach(audit::pod);
        audit.serviceAccounts();
        audit.workloadIdentities();
        audit.rbac();
        audit.exposure();
        audit.lateralMovement();
        audit.networkPolicies();
        audit.segments();
        return new Result(List.copyOf(audit.findings), audit.graph.nodes(), audit.graph.edges());
    }

    private void pod(Pod pod) {
        var spec = pod.getSpec();
        String workload = workload(pod);
        String ns = pod.getMetadata().getNamespace();
        String sa = spec.getServiceAccountName() == null ? "default" : spec.getServiceAccountName();
        graph.edge(workload, EdgeType.RUNS_AS, id("ServiceAccount", ns, sa));
        if (spec.getNodeName() != null) {
            graph.edge(workload, EdgeType.RUNS_ON, id("Node", null, spec.getNodeName()));
        }
        flag(AuditChecks.HOST_PID, workload, ns, Boolean.TRUE.equals(spec.getHostPID()));
        flag(AuditChecks.HOST_IPC, workload, ns, Boolean.TRUE.equals(spec.getHostIPC()));
        flag(AuditChecks.HOST_NETWORK, workload, ns, Boolean.TRUE.equals(spec.getHostNetwork()));
        spec.getVolumes().forEach(v -> {
            if (v.getHostPath() != null) {
                flag(AuditChecks.HOST_PATH, workload, ns, true);
                graph.edge(workload, EdgeType.MOUNTS, id("Node", null, spec.getNodeName() == null ? "any" : spec.getNodeName()));
            }
            if (v.getSecret() != null) {
                graph.edge(workload, EdgeType.MOUNTS, id("Secret", ns, v.getSecret().getSecretName()));
            }
        });
        flag(AuditChecks.POD_DEFAULT_SA, workload, ns, "default".equals(sa) && !Boolean.FALSE.equals(spec.getAutomountServiceAccountToken())
                && !Boolean.FALSE.equals(automount(ns, "default")));
        PodSecurityContext podContext = spec.getSecurityContext();
        boolean podSeccomp = podContext != null && podContext.getSeccompProfile() != null
                && !"Unconfined".equals(podContext.getSeccompProfile().getType());
        boolean podNonRoot = podContext != null && Boolean.TRUE.equals(podContext.getRunAsNonRoot());
        Stream.concat(spec.getInitContainers().stream(), spec.getContainers().stream()).forEach(c -> container(c, workload, ns, podSeccomp,
                podNonRoot, podContext));
    }

    private void container(Container c, String workload, String ns, boolean podSeccomp, boolean podNonRoot, PodSecurityContext podContext) {
        SecurityContext sc = c.getSecurityContext();
        flag(AuditChecks.PRIVILEGED, workload, ns, sc != null && Boolean.TRUE.equals(sc.getPrivileged()));
        Long uid = sc != null && sc.getRunAsUser() != null ? sc.getRunAsUser() : podContext == null ? null : podContext.getRunAsUser();
        boolean nonRoot = (sc != null && Boolean.TRUE.equals(sc.getRunAsNonRoot())) || podNonRoot;
        flag(AuditChecks.RUN_AS_ROOT, workload, ns, Objects.equals(uid, 0L) || (!nonRoot && (uid == null || uid == 0)));
        flag(AuditChecks.PRIVILEGE_ESCALATION, workload, ns, sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()));
        List<String> add = sc == null || sc.getCapabilities() == null ? List.of() : sc.getCapabilities().getAdd();
        List<String> drop = sc == null || sc.getCapabilities() == null ? List.of() : sc.getCapabilities().getDrop();
        flag(AuditChecks.ADDED_CAPABILITIES, workload, ns, !add.isEmpty());
        flag(AuditChecks.CAPABILITIES_NOT_DROPPED, workload, ns, !drop.contains("ALL"));
        boolean seccomp = podSeccomp || (sc != null && sc.getSeccompProfile() != null && !"Unconfined".equals(sc.getSeccompProfile().getType()));
        flag(AuditChecks.MISSING_SECCOMP, workload, ns, !seccomp);
        flag(AuditChecks.WRITABLE_ROOT, workload, ns, sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()));
        Map<String, ?> limits = c.getResources() == null ? Map.of() : c.getResources().getLimits();
        flag(AuditChecks.NO_LIMITS, workload, ns, limits == null || !limits.containsKey("cpu") || !limits.containsKey("memory"));
        String image = c.getImage() == null ? "" : c.getImage();
        String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        boolean tagged = withoutDigest.lastIndexOf(':') > withoutDigest.lastIndexOf('/');
        flag(AuditChecks.LATEST_TAG, workload, ns, !image.contains("@") && (!tagged || withoutDigest.endsWith(":latest")));
        flag(AuditChecks.NO_DIGEST, workload, ns, !image.contains("@sha256:"));
        boolean secretEnv = c.getEnv().stream().anyMatch(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                || c.getEnvFrom().stream().anyMatch(e -> e.getSecretRef() != null);
        flag(AuditChecks.SECRET_IN_ENV, workload, ns, secretEnv);
        c.getPorts().forEach(p -> flag(AuditChecks.HOST_PORT, workload, ns, p.getHostPort() != null && p.getHostPort() > 0));
    }

    private void serviceAccounts() {
        cluster.serviceAccounts().stream().filter(sa -> "default".equals(sa.getMetadata().getName()))
                .forEach(sa -> flag(AuditChecks.DEFAULT_SA_AUTOMOUNT, id(sa), sa.getMetadata().getNamespace(),
                        !Boolean.FALSE.equals(sa.getAutomountServiceAccountToken())));
    }

    /** Where a ServiceAccount leads out of the cluster: the cloud identities its pods can assume. */
    private void workloadIdentities() {
        for (ServiceAccount sa : cluster.serviceAccounts()) {
            for (GraphNode identity : WorkloadIdentities.of(sa)) {
                graph.node(identity);
                graph.edge(id(sa), EdgeType.CAN_ASSUME, identity.key());
            }
        }
    }

    private Boolean automount(String namespace, String name) {
        return cluster.serviceAccounts().stream()
                .filter(sa -> name.equals(sa.getMetadata().getName()) && namespace.equals(sa.getMetadata().getNamespace()))
                .findFirst().map(sa -> sa.getAutomountServiceAccountToken()).orElse(null);
    }

    private void rbac() {
        cluster.roles().forEach(r -> rules(id(r), r.getMetadata().getNamespace(), r.getRules()));
        cluster.clusterRoles().stream().filter(r -> !r.getMetadata().getName().startsWith("system:"))
                .forEach(r -> rules(id(r), null, r.getRules()));
        cluster.roleBindings().forEach(b -> binding(id(b), b.getMetadata().getNamespace(), b.getRoleRef(), b.getSubjects()));
        cluster.clusterRoleBindings().forEach(b -> binding(id(b), null, b.getRoleRef(), b.getSubjects()));
    }

    private void rules(String role, String ns, List<PolicyRule> rules) {
        for (PolicyRule rule : rules) {
            List<String> verbs = rule.getVerbs();
            List<String> resources = rule.getResources();
            flag(AuditChecks.RBAC_WILDCARD, role, ns, verbs.contains("*") || resources.contains("*"));
            boolean readsSecrets = (resources.contains("secrets") || resources.contains("*"))
                    && (verbs.contains("*") || verbs.contains("get") || verbs.contains("list") || verbs.contains("watch"));
            flag(AuditChecks.RBAC_SECRETS, role, ns, readsSecrets);
            if (readsSecrets) {
                graph.edge(role, EdgeType.CAN_READ, id("Secret", ns, "*"));
            }
            flag(AuditChecks.RBAC_EXEC, role, ns, (resources.contains("pods/exec") || resources.contains("pods/attach") || resources.contains("*"))
                    && (verbs.contains("create") || verbs.contains("*")));
            flag(AuditChecks.RBAC_ESCALATION, role, ns, verbs.contains("escalate") || verbs.contains("bind") || verbs.contains("impersonate"));
            flag(AuditChecks.RBAC_CREATE_PODS, role, ns, (verbs.contains("create") || verbs.contains("*"))
                    && resources.stream().anyMatch(r -> List.of("pods", "deployments", "daemonsets", "statefulsets", "jobs", "cronjobs").contains(r)));
        }
    }

    private void binding(String binding, String ns, RoleRef ref, List<Subject> subjects) {
        String role = id(ref.getKind(), "ClusterRole".equals(ref.getKind()) ? null : ns, ref.getName());
        for (Subject s : subjects) {
            String subject = "ServiceAccount".equals(s.getKind()) ? id("ServiceAccount", s.getNamespace() == null ? ns : s.getNamespace(), s.getName())
                    : id(s.getKind(), null, s.getName());
            graph.edge(subject, EdgeType.BOUND_TO, role);
            boolean builtInMasters = "Group".equals(s.getKind()) && "system:masters".equals(s.getName());
            flag(AuditChecks.RBAC_CLUSTER_ADMIN, binding, ns, "cluster-admin".equals(ref.getName()) && !builtInMasters);
        }
    }

    private void exposure() {
        for (Service svc : cluster.services()) {
            String service = id(svc);
            String type = svc.getSpec().getType();
            flag(AuditChecks.LOAD_BALANCER, service, svc.getMetadata().getNamespace(), "LoadBalancer".equals(type));
            flag(AuditChecks.NODE_PORT, service, svc.getMetadata().getNamespace(), "NodePort".equals(type));
            if ("LoadBalancer".equals(type) || "NodePort".equals(type)) {
                graph.edge(GraphNode.INTERNET, EdgeType.CAN_REACH, service);
            }
            backends(svc).forEach(p -> graph.edge(service, EdgeType.CAN_REACH, workload(p)));
        }
        cluster.ingresses().forEach(ing -> {
            String ingress = id(ing);
            String ns = ing.getMetadata().getNamespace();
            flag(AuditChecks.INGRESS_NO_TLS, ingress, ns, ing.getSpec().getTls().isEmpty());
            flag(AuditChecks.INGRESS_EXPOSURE, ingress, ns, true);
            graph.edge(GraphNode.INTERNET, EdgeType.CAN_REACH, ingress);
            ing.getSpec().getRules().stream().filter(r -> r.getHttp() != null).flatMap(r -> r.getHttp().getPaths().stream())
                    .filter(p -> p.getBackend() != null && p.getBackend().getService() != null)
                    .forEach(p -> graph.edge(ingress, EdgeType.CAN_REACH, id("Service", ns, p.getBackend().getService().getName())));
        });
    }

    /** The pods a Service sends its traffic to: none without a selector. */
    private List<Pod> backends(Service svc) {
        Map<String, String> selector = svc.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        return podsByNamespace.getOrDefault(svc.getMetadata().getNamespace(), List.of()).stream()
                .filter(p -> p.getMetadata().getLabels() != null && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    /**
     * Which workloads can open a connection to which Service, as the NetworkPolicies have it: how
     * an attacker in one workload moves on to another, within a namespace or across.
     */
    private void lateralMovement() {
        NetworkPolicyEvaluator policies = new NetworkPolicyEvaluator(cluster.namespaces(), cluster.pods(), cluster.networkPolicies());
        Map<String, List<Pod>> workloads = new LinkedHashMap<>();
        cluster.pods().forEach(p -> workloads.computeIfAbsent(workload(p), w -> new ArrayList<>()).add(p));
        for (Service svc : cluster.services()) {
            List<Pod> backends = backends(svc);
            if (backends.isEmpty()) {
                continue;
            }
            Set<String> own = backends.stream().map(KubernetesAudit::workload).collect(Collectors.toSet());
            String service = id(svc);
            workloads.forEach((workload, pods) -> {
                if (!own.contains(workload) && reaches(policies, pods, backends)) {
                    graph.edge(workload, EdgeType.CAN_REACH, service);
                }
            });
        }
    }

    private static boolean reaches(NetworkPolicyEvaluator policies, List<Pod> from, List<Pod> to) {
        for (Pod source : from) {
            for (Pod destination : to) {
                if (policies.allows(source, destination)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void networkPolicies() {
        Set<String> covered = new HashSet<>();
        cluster.networkPolicies().forEach(p -> covered.add(p.getMetadata().getNamespace()));
        Set<String> withPods = new HashSet<>();
        cluster.pods().forEach(p -> withPods.add(p.getMetadata().getNamespace()));
        cluster.namespaces().stream().map(n -> n.getMetadata().getName())
                .filter(n -> !n.startsWith("kube-"))
                .forEach(n -> flag(AuditChecks.NO_NETWORK_POLICY, id("Namespace", null, n), n, withPods.contains(n) && !covered.contains(n)));
    }

    /** A namespace holding the policies the operator renders for a NetworkSegment belongs to that segment. */
    private void segments() {
        for (NetworkPolicy policy : cluster.networkPolicies()) {
            Map<String, String> labels = policy.getMetadata().getLabels();
            String segment = labels == null ? null : labels.get(Labels.SEGMENT);
            if (segment != null && !segment.isBlank()) {
                graph.edge(id("Namespace", null, policy.getMetadata().getNamespace()), EdgeType.IN_SEGMENT, id("NetworkSegment", null, segment));
            }
        }
    }

    private void flag(AuditCheck check, String resource, String namespace, boolean failed) {
        if (!failed || !seen.add(check.id() + "|" + resource)) {
            return;
        }
        graph.asset(resource);
        findings.add(NormalizedFinding.of("kubernetes", check.id(), check.severity(), check.title(), null, check.remediation(),
                "kubernetes", cluster.cluster(), null, namespace, resource.substring(0, resource.indexOf('/')), resource, check.compliance()));
    }

    /** Pods of a controller are reported as the controller (a Deployment, not its ever-renamed pods). */
    static String workload(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        for (OwnerReference owner : pod.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(owner.getController())) {
                if ("ReplicaSet".equals(owner.getKind()) && owner.getName().lastIndexOf('-') > 0) {
                    return id("Deployment", ns, owner.getName().substring(0, owner.getName().lastIndexOf('-')));
                }
                return id(owner.getKind(), ns, owner.getName());
            }
        }
        return id("Pod", ns, pod.getMetadata().getName());
    }

    static String id(HasMetadata object) {
        return id(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    static String id(String kind, String namespace, String name) {
        return KubernetesIdentity.of(kind, namespace, name);
    }
}
