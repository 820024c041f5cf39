package io.nubicustos.scanner.kubernetes;

import java.util.List;

import io.nubicustos.model.finding.Severity;

/** The checks of the built-in audit, each mapped to CIS Kubernetes, NSA/CISA hardening and/or the Pod Security Standards. */
public final class AuditChecks {

    public static final AuditCheck PRIVILEGED = AuditCheck.of("privileged-container", Severity.CRITICAL, "Privileged container",
            "Remove securityContext.privileged", "5.2.2", "Pod security: non-privileged containers", "baseline/privileged");
    public static final AuditCheck HOST_PID = AuditCheck.of("host-pid", Severity.HIGH, "Pod shares the host's process namespace",
            "Remove hostPID", "5.2.3", "Pod security: host namespaces", "baseline/host-namespaces");
    public static final AuditCheck HOST_IPC = AuditCheck.of("host-ipc", Severity.HIGH, "Pod shares the host's IPC namespace",
            "Remove hostIPC", "5.2.4", "Pod security: host namespaces", "baseline/host-namespaces");
    public static final AuditCheck HOST_NETWORK = AuditCheck.of("host-network", Severity.HIGH, "Pod uses the host's network",
            "Remove hostNetwork", "5.2.5", "Pod security: host namespaces", "baseline/host-namespaces");
    public static final AuditCheck HOST_PATH = AuditCheck.of("host-path-mount", Severity.HIGH, "Pod mounts a host path",
            "Use emptyDir, ConfigMap, Secret or PVC volumes instead of hostPath", "5.2.12", "Pod security: no hostPath", "baseline/hostpath-volumes");
    public static final AuditCheck HOST_PORT = AuditCheck.of("host-port", Severity.MEDIUM, "Container binds a host port",
            "Remove hostPort; expose through a Service", "5.2.13", null, "baseline/host-ports");
    public static final AuditCheck RUN_AS_ROOT = AuditCheck.of("run-as-root", Severity.MEDIUM, "Container may run as root",
            "Set runAsNonRoot: true and a non-zero runAsUser", "5.2.7", "Pod security: non-root containers", "restricted/running-as-non-root");
    public static final AuditCheck PRIVILEGE_ESCALATION = AuditCheck.of("privilege-escalation", Severity.MEDIUM,
            "Container allows privilege escalation", "Set allowPrivilegeEscalation: false", "5.2.6",
            "Pod security: no privilege escalation", "restricted/privilege-escalation");
    public static final AuditCheck ADDED_CAPABILITIES = AuditCheck.of("added-capabilities", Severity.HIGH,
            "Container adds Linux capabilities", "Remove capabilities.add", "5.2.9", "Pod security: drop capabilities", "baseline/capabilities");
    public static final AuditCheck CAPABILITIES_NOT_DROPPED = AuditCheck.of("capabilities-not-dropped", Severity.LOW,
            "Container does not drop all capabilities", "Set capabilities.drop: [ALL]", "5.2.8", "Pod security: drop capabilities",
            "restricted/capabilities");
    public static final AuditCheck MISSING_SECCOMP = AuditCheck.of("missing-seccomp", Severity.MEDIUM, "No seccomp profile",
            "Set seccompProfile.type: RuntimeDefault", "5.7.2", "Pod security: seccomp", "restricted/seccomp");
    public static final AuditCheck WRITABLE_ROOT = AuditCheck.of("writable-root-filesystem", Severity.LOW,
            "Container root filesystem is writable", "Set readOnlyRootFilesystem: true and mount emptyDir where writes are needed", null,
            "Pod security: immutable container filesystems", null);
    public static final AuditCheck NO_LIMITS = AuditCheck.of("no-resource-limits", Severity.LOW, "Container has no CPU or memory limit",
            "Set resources.limits.cpu and resources.limits.memory", null, "Pod security: resource policies", null);
    public static final AuditCheck LATEST_TAG = AuditCheck.of("latest-image-tag", Severity.LOW, "Image uses the latest tag or none",
            "Pin an explicit version tag, better a digest", null, "Supply chain: image provenance", null);
    public static final AuditCheck NO_DIGEST = AuditCheck.of("image-without-digest", Severity.INFO, "Image is not pinned by digest",
            "Reference the image as name@sha256:...", null, "Supply chain: image provenance", null);
    public static final AuditCheck SECRET_IN_ENV = AuditCheck.of("secret-in-env", Severity.MEDIUM,
            "Secret exposed as an environment variable", "Mount the Secret as a read-only file instead", "5.4.1",
            "Secrets: mounted as files", null);
    public static final AuditCheck POD_DEFAULT_SA = AuditCheck.of("pod-default-sa-token", Severity.MEDIUM,
            "Pod runs as the default ServiceAccount with a token mounted", "Use a dedicated ServiceAccount or set automountServiceAccountToken: false",
            "5.1.6", "Authentication: least privilege service accounts", null);
    public static final AuditCheck DEFAULT_SA_AUTOMOUNT = AuditCheck.of("default-sa-automount", Severity.LOW,
            "Default ServiceAccount mounts its token automatically", "Set automountServiceAccountToken: false on the default ServiceAccount",
            "5.1.5", "Authentication: least privilege service accounts", null);
    public static final AuditCheck RBAC_WILDCARD = AuditCheck.of("rbac-wildcard", Severity.HIGH, "Role grants wildcard verbs or resources",
            "List the verbs and resources the subject needs", "5.1.3", "Authorization: least privilege", null);
    public static final AuditCheck RBAC_CLUSTER_ADMIN = AuditCheck.of("rbac-cluster-admin-binding", Severity.CRITICAL,
            "cluster-admin is bound to a ServiceAccount, user or group", "Bind a narrower role", "5.1.1", "Authorization: least privilege", null);
    public static final AuditCheck RBAC_SECRETS = AuditCheck.of("rbac-secrets-access", Severity.HIGH, "Role can read Secrets",
            "Remove get/list/watch on secrets unless the subject must read them", "5.1.2", "Authorization: least privilege", null);
    public static final AuditCheck RBAC_EXEC = AuditCheck.of("rbac-pod-exec", Severity.HIGH, "Role can exec into pods",
            "Remove create on pods/exec and pods/attach", null, "Authorization: least privilege", null);
    public static final AuditCheck RBAC_ESCALATION = AuditCheck.of("rbac-escalation-verbs", Severity.HIGH,
            "Role can escalate, bind or impersonate", "Remove the escalate, bind and impersonate verbs", "5.1.8",
            "Authorization: least privilege", null);
    public static final AuditCheck RBAC_CREATE_PODS = AuditCheck.of("rbac-create-pods", Severity.MEDIUM, "Role can create workloads",
            "Restrict create on pods and workload controllers to deployers", "5.1.4", "Authorization: least privilege", null);
    public static final AuditCheck NO_NETWORK_POLICY = AuditCheck.of("namespace-without-networkpolicy", Severity.MEDIUM,
            "Namespace has pods but no NetworkPolicy", "Add a default-deny NetworkPolicy (or a NetworkSegment)", "5.3.2",
            "Network separation: default deny", null);
    public static final AuditCheck LOAD_BALANCER = AuditCheck.of("service-loadbalancer", Severity.MEDIUM,
            "Service is exposed through a load balancer", "Expose through the ingress proxy, or restrict loadBalancerSourceRanges", null,
            "Network separation: limit exposure", null);
    public static final AuditCheck NODE_PORT = AuditCheck.of("service-nodeport", Severity.MEDIUM, "Service opens a port on every node",
            "Use ClusterIP behind an ingress", null, "Network separation: limit exposure", null);
    public static final AuditCheck INGRESS_NO_TLS = AuditCheck.of("ingress-without-tls", Severity.MEDIUM, "Ingress serves plain HTTP",
            "Add a tls section (cert-manager can issue it)", null, "Network separation: encrypt traffic", null);
    public static final AuditCheck INGRESS_EXPOSURE = AuditCheck.of("ingress-exposure", Severity.INFO, "Workload is exposed by an Ingress",
            "Confirm the exposure is intended and authenticated", null, "Network separation: limit exposure", null);

    public static final List<AuditCheck> ALL = List.of(PRIVILEGED, HOST_PID, HOST_IPC, HOST_NETWORK, HOST_PATH, HOST_PORT, RUN_AS_ROOT,
            PRIVILEGE_ESCALATION, ADDED_CAPABILITIES, CAPABILITIES_NOT_DROPPED, MISSING_SECCOMP, WRITABLE_ROOT, NO_LIMITS, LATEST_TAG,
            NO_DIGEST, SECRET_IN_ENV, POD_DEFAULT_SA, DEFAULT_SA_AUTOMOUNT, RBAC_WILDCARD, RBAC_CLUSTER_ADMIN, RBAC_SECRETS, RBAC_EXEC,
            RBAC_ESCALATION, RBAC_CREATE_PODS, NO_NETWORK_POLICY, LOAD_BALANCER, NODE_PORT, INGRESS_NO_TLS, INGRESS_EXPOSURE);

    private AuditChecks() {
    }
}
