package io.nubicustos.scanner.parse;

import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.finding.KubernetesIdentity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.finding.SeverityMapping;

/** Prowler v4/v5 {@code json-ocsf}: an array of OCSF Detection Findings; FAIL becomes a finding, PASS and MANUAL do not. */
public final class ProwlerOcsfParser implements ReportParser {

    /** Resource types of Prowler's kubernetes checks that are Kubernetes kinds. */
    private static final Set<String> KUBERNETES_KINDS = Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job",
            "CronJob", "Service", "ServiceAccount", "Namespace", "Node", "ConfigMap", "Secret", "Role", "ClusterRole", "RoleBinding",
            "ClusterRoleBinding", "NetworkPolicy", "Ingress", "PersistentVolume", "PersistentVolumeClaim");

    /** Prowler's control-plane checks, whose resource is the component's (static) pod. */
    private static final Set<String> CONTROL_PLANE_PODS = Set.of("KubernetesAPIServer", "KubernetesControllerManager", "KubernetesScheduler",
            "KubernetesEtcd");

    @Override
    public ReportFormat format() {
        return ReportFormat.PROWLER_OCSF;
    }

    @Override
    public ParseSummary parse(Path file, Consumer<NormalizedFinding> sink) throws ReportException {
        long[] counts = new long[3];
        JsonReports.walk(file, (field, node) -> {
            if (field != null) {
                throw new ReportException(file, "is a JSON object, not Prowler's OCSF array", null);
            }
            if (!"FAIL".equalsIgnoreCase(JsonReports.text(node, "status_code"))) {
                counts[1]++;
                return;
            }
            JsonNode resource = JsonReports.array(node, "resources").stream().findFirst().orElse(null);
            String check = JsonReports.text(node, "metadata", "event_code");
            if (check == null) {
                check = JsonReports.text(node, "finding_info", "uid");
            }
            String resourceId = resource == null ? null : JsonReports.text(resource, "uid");
            if (check == null || check.isBlank() || resourceId == null || resourceId.isBlank()) {
                // Nothing to name the finding by: skipped and counted, the rest of the report still reads.
                counts[2]++;
                return;
            }
            String provider = JsonReports.text(node, "cloud", "provider");
            String namespace = JsonReports.text(resource, "namespace");
            String type = JsonReports.text(resource, "type");
            if (provider == null && resource.has("namespace")) {
                // Prowler's kubernetes provider writes no cloud object; its resources carry a namespace,
                // "cluster-wide" for a cluster-scoped one. Objects get the identity every tool gives them.
                provider = "kubernetes";
                namespace = "cluster-wide".equals(namespace) ? null : KubernetesIdentity.namespace(namespace);
                String name = JsonReports.text(resource, "name");
                String kind = KUBERNETES_KINDS.contains(type) ? type : CONTROL_PLANE_PODS.contains(type) ? "Pod" : null;
                if (kind != null && name != null && !name.isBlank()) {
                    resourceId = KubernetesIdentity.of(kind, namespace, name);
                }
            }
            sink.accept(NormalizedFinding.of("prowler", check,
                    SeverityMapping.of(JsonReports.text(node, "severity"), Severity.INFO),
                    JsonReports.text(node, "finding_info", "title"),
                    JsonReports.firstNonBlank(JsonReports.text(node, "risk_details"), JsonReports.text(node, "finding_info", "desc")),
                    JsonReports.text(node, "remediation", "desc"),
                    provider,
                    JsonReports.text(node, "cloud", "account", "uid"),
                    JsonReports.text(resource, "region"),
                    namespace,
                    type,
                    resourceId,
                    JsonReports.compliance(node.path("unmapped").get("compliance")))
                    .at(Places.regional(JsonReports.text(resource, "region"), JsonReports.text(node, "status_detail"))));
            counts[0]++;
        });
        return ParseSummary.of(counts);
    }
}
