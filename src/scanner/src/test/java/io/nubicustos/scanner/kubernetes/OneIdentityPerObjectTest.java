package io.nubicustos.scanner.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.scanner.parse.KubescapeParser;
import io.nubicustos.scanner.parse.ProwlerOcsfParser;
import io.nubicustos.scanner.parse.ReportParser;
import io.nubicustos.scanner.parse.TrivyParser;

/**
 * The same Kubernetes object reported by the built-in audit, by {@code trivy k8s}, Kubescape and Prowler
 * has one resource identity, so findings meet their asset in the graph and equal checks deduplicate:
 * a cluster-scoped object has an empty namespace, never the word "null".
 */
class OneIdentityPerObjectTest {

    static final String ROLE = "system:controller:bootstrap-signer";

    @TempDir
    Path tmp;

    List<NormalizedFinding> parse(ReportParser parser, String content) throws Exception {
        Path file = Files.writeString(tmp.resolve(parser.format().id() + ".json"), content);
        List<NormalizedFinding> findings = new ArrayList<>();
        parser.parse(file, findings::add);
        return findings;
    }

    @Test
    void aClusterRoleIsTheSameResourceFromTrivyKubescapeAndTheBuiltInAudit() throws Exception {
        String audit = KubernetesAudit.id(new ClusterRoleBuilder().withNewMetadata().withName(ROLE).endMetadata().build());
        // trivy k8s writes no Namespace for a cluster-scoped resource (all-resources layout), or an empty one.
        List<NormalizedFinding> trivy = parse(new TrivyParser(), """
                {"ClusterName": "kind", "Resources": [
                  {"Kind": "ClusterRole", "Name": "%1$s", "Results": [{"Misconfigurations": [{"ID": "KSV041", "Status": "FAIL", "Severity": "CRITICAL"}]}]},
                  {"Namespace": "", "Kind": "ClusterRole", "Name": "%1$s", "Results": [{"Misconfigurations": [{"ID": "KSV044", "Status": "FAIL"}]}]}]}
                """.formatted(ROLE));
        List<NormalizedFinding> kubescape = parse(new KubescapeParser(), """
                {"summaryDetails": {"controls": {}}, "results": [{"resourceID": "rbac.authorization.k8s.io/v1//ClusterRole/%s",
                  "controls": [{"controlID": "C-0035", "status": {"status": "failed"}}]}]}
                """.formatted(ROLE));

        // Prowler's kubernetes provider: no cloud object, namespace "cluster-wide" (CheckReportKubernetes), resource_id the object's uid.
        List<NormalizedFinding> prowler = parse(new ProwlerOcsfParser(), """
                [{"metadata": {"event_code": "rbac_minimize_wildcard_use_roles"}, "finding_info": {"uid": "f1"}, "status_code": "FAIL",
                  "resources": [{"name": "%s", "namespace": "cluster-wide", "type": "ClusterRole", "uid": "3f2c7a1e-0b7d-4c1e-9a51-2d8e6f0a9b11"}]}]
                """.formatted(ROLE));

        assertThat(audit).isEqualTo("ClusterRole//" + ROLE);
        assertThat(prowler).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo(audit);
            assertThat(f.namespace()).isNull();
            assertThat(f.provider()).isEqualTo("kubernetes");
        });
        assertThat(trivy).hasSize(2).allSatisfy(f -> {
            assertThat(f.resource()).isEqualTo(audit);
            assertThat(f.namespace()).isNull();
        });
        assertThat(kubescape).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo(audit);
            assertThat(f.namespace()).isNull();
        });
    }

    @Test
    void aNamespacedRoleIsTheSameResourceFromTrivyAndTheBuiltInAudit() throws Exception {
        String audit = KubernetesAudit.id(new RoleBuilder().withNewMetadata().withName("reader").withNamespace("kube-system").endMetadata().build());
        List<NormalizedFinding> trivy = parse(new TrivyParser(), """
                {"ClusterName": "kind", "Misconfigurations": [{"Namespace": "kube-system", "Kind": "Role", "Name": "reader",
                  "Results": [{"Misconfigurations": [{"ID": "KSV113", "Status": "FAIL"}]}]}]}
                """);

        assertThat(trivy).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo(audit).isEqualTo("Role/kube-system/reader");
            assertThat(f.namespace()).isEqualTo("kube-system");
        });
    }

    @Test
    void aTrivyVulnerabilityOnAClusterScopedResourceNamesNoNullNamespace() throws Exception {
        List<NormalizedFinding> trivy = parse(new TrivyParser(), """
                {"ClusterName": "kind", "Vulnerabilities": [{"Kind": "Node", "Name": "worker-1",
                  "Results": [{"Target": "node", "Vulnerabilities": [{"VulnerabilityID": "CVE-2024-1", "PkgName": "kubelet", "InstalledVersion": "1.29.0"}]}]}]}
                """);

        assertThat(trivy).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo("Node//worker-1#kubelet@1.29.0");
            assertThat(f.namespace()).isNull();
        });
    }
}
