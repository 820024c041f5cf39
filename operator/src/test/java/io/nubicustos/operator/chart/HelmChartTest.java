package io.nubicustos.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.nubicustos.operator.crd.RepositoryFiles;

/** The chart through Helm itself: lint, the CRDs it carries, and what it renders, parsed by Fabric8's model. */
class HelmChartTest {

    @Test
    void helmLintStrictAcceptsTheChart() {
        LintResult result = new Helm(Chart.DIR).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void theChartCarriesExactlyTheGeneratedCrds() throws IOException {
        for (String plural : List.of("scanjobs", "cloudcredentials", "networksegments")) {
            String file = plural + ".nubicustos.io.yaml";
            assertThat(Files.readString(Chart.DIR.resolve("crds").resolve(file)))
                    .as("helm/nubicustos/crds/%s equals crds/%s (run make crds)", file, file)
                    .isEqualTo(Files.readString(RepositoryFiles.root().resolve("crds").resolve(file)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"defaults", "everything on"})
    void everyRenderedObjectIsAKubernetesObjectWithOnlyDeclaredFields(String which) {
        Chart.Rendered rendered = which.equals("defaults") ? Chart.defaults() : Chart.everythingOn();
        assertThat(rendered.objects()).isNotEmpty().allSatisfy(o -> {
            assertThat(o.getMetadata().getName()).as(o.getKind()).isNotBlank();
            assertThat(o.getMetadata().getLabels()).as(o.getKind() + " " + o.getMetadata().getName())
                    .containsEntry("app.kubernetes.io/name", "nubicustos")
                    .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
                    .containsKey("app.kubernetes.io/component");
            if (o instanceof Namespaced) {
                assertThat(o.getMetadata().getNamespace()).as(o.getKind() + " " + o.getMetadata().getName()).isEqualTo(Chart.NAMESPACE);
            }
            assertThat(UnknownFields.of(o)).as("fields %s %s does not declare", o.getKind(), o.getMetadata().getName()).isEmpty();
        });
        // Only the third-party kinds lack a Java model here; they are checked against their CRDs (HelmChartCustomResourcesTest).
        assertThat(rendered.objects()).filteredOn(GenericKubernetesResource.class::isInstance)
                .extracting(HasMetadata::getKind).allMatch(Set.of("ServiceMonitor", "PrometheusRule")::contains);
        assertThat(rendered.names()).doesNotHaveDuplicates();
    }

    @Test
    void byDefaultTheApiIsASidecarOfTheOperatorAndBothRunTheChartsAppVersion() {
        Chart.Rendered rendered = Chart.defaults();
        Deployment operator = rendered.get(Deployment.class, "nubicustos-operator");
        assertThat(rendered.all(Deployment.class)).singleElement();
        assertThat(operator.getSpec().getTemplate().getSpec().getContainers())
                .extracting(c -> c.getName() + "=" + c.getImage())
                .containsExactly("operator=ghcr.io/nubicustos/operator:0.1.0", "api=ghcr.io/nubicustos/api:0.1.0");
        assertThat(operator.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo("NUBICUSTOS_SCAN_SCANNER_IMAGE");
                    assertThat(e.getValue()).isEqualTo("ghcr.io/nubicustos/scanner:0.1.0");
                });
        assertThat(rendered.kind("StatefulSet")).as("databases are external by default").isEmpty();
        assertThat(rendered.kind("Ingress")).isEmpty();
        assertThat(rendered.kind("Certificate")).isEmpty();
        assertThat(rendered.kind("ServiceMonitor")).isEmpty();
    }

    @Test
    void anIngressWithoutATrustedProxyCarriesAWarning() {
        Chart.Rendered untrusted = Chart.render("""
                ingress:
                  enabled: true
                  annotations: {nginx.ingress.kubernetes.io/ssl-redirect: "true"}
                """);
        io.fabric8.kubernetes.api.model.networking.v1.Ingress ingress = untrusted.get(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class,
                "nubicustos-api");
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("nginx.ingress.kubernetes.io/ssl-redirect", "true")
                .hasEntrySatisfying("nubicustos.io/warning", w -> assertThat(w).contains("api.rateLimit.trustedProxies is empty"));
        assertThat(java.util.Optional.ofNullable(Chart.everythingOn().get(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class,
                "nubicustos-api").getMetadata().getAnnotations()).orElse(java.util.Map.of())).as("proxies trusted")
                .doesNotContainKey("nubicustos.io/warning");
    }
}
