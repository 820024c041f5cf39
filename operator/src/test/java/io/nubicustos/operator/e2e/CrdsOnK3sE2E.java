package io.nubicustos.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentRules;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobRules;
import io.nubicustos.operator.crd.RepositoryFiles;

/**
 * The generated CRDs on a real API server (k3s): the samples are accepted, and the CEL rules
 * that no other test can evaluate reject what they should, with their messages. Skipped where
 * no Docker engine runs (as in CI here); run it with `make test` on a machine with Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class CrdsOnK3sE2E {

    @Container
    static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

    static KubernetesClient client;
    /** The kinds of the samples that live in no namespace. */
    static final Set<String> CLUSTER_SCOPED = Set.of("NetworkSegment", "Namespace", "ClusterIssuer");

    @BeforeAll
    static void installCrds() {
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build();
        // Ours, and cert-manager's for the samples of the management segment's CA (with its namespace, as its install makes).
        List<CustomResourceDefinition> crds = new ArrayList<>(RepositoryFiles.crds().values());
        List.of("certificaterequests", "certificates", "clusterissuers", "issuers")
                .forEach(plural -> crds.add(RepositoryFiles.fixtureCrd("cert-manager.io_" + plural + ".yaml")));
        client.resource(new NamespaceBuilder().withNewMetadata().withName("cert-manager").endMetadata().build()).serverSideApply();
        for (var crd : crds) {
            client.resource(crd).serverSideApply();
            client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                            .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())),
                            60, TimeUnit.SECONDS);
        }
        client.resource(new NamespaceBuilder().withNewMetadata().withName("samples").endMetadata().build()).serverSideApply();
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void theApiServerAcceptsEverySample() {
        for (var document : RepositoryFiles.documents("config/samples")) {
            HasMetadata object = client.getKubernetesSerialization().convertValue(document.content(), HasMetadata.class);
            HasMetadata created = object.getMetadata().getNamespace() == null && !CLUSTER_SCOPED.contains(object.getKind())
                    ? client.resource(object).inNamespace("samples").create()
                    : client.resource(object).create();
            assertThat(created.getMetadata().getUid()).as(document.toString()).isNotBlank();
        }
    }

    @Test
    void theApiServerEvaluatesTheCelRulesWithTheirMessages() {
        assertThatThrownBy(() -> client.resource(client.getKubernetesSerialization().unmarshal("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: audit-on-aws, namespace: samples}
                spec: {tool: kubernetes, provider: aws, credentialRef: {name: aws}}
                """, HasMetadata.class)).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining(ScanJobRules.BUILTIN_NEEDS_KUBERNETES_MESSAGE);
        assertThatThrownBy(() -> client.resource(client.getKubernetesSerialization().unmarshal("""
                apiVersion: nubicustos.io/v1alpha1
                kind: NetworkSegment
                metadata: {name: loop}
                spec:
                  cidr: 10.60.0.0/24
                  namespaceSelector: {matchLabels: {segment: loop}}
                  allowFrom: [loop]
                """, HasMetadata.class)).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining(NetworkSegmentRules.NOT_SELF_IN_ALLOW_FROM_MESSAGE);
    }
}
