package io.nubicustos.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.nubicustos.operator.crd.CrdSchemaValidator;
import io.nubicustos.operator.crd.RepositoryFiles;

/**
 * The cert-manager and prometheus-operator objects the chart renders, validated against those
 * projects' real CRD schemas (fixtures/crds), and wired to what they refer to: Services, ports,
 * Issuers, and the metrics the operator and the API really publish.
 */
class HelmChartCustomResourcesTest {

    static final CrdSchemaValidator THIRD_PARTY = new CrdSchemaValidator(Map.of(
            "ServiceMonitor", RepositoryFiles.fixtureCrd("monitoring.coreos.com_servicemonitors.yaml"),
            "PrometheusRule", RepositoryFiles.fixtureCrd("monitoring.coreos.com_prometheusrules.yaml"),
            "Certificate", RepositoryFiles.fixtureCrd("cert-manager.io_certificates.yaml"),
            "Issuer", RepositoryFiles.fixtureCrd("cert-manager.io_issuers.yaml")));

    @Test
    void everyThirdPartyObjectIsValidAgainstItsCrd() {
        List<String> kinds = new ArrayList<>();
        for (String values : List.of(Chart.EVERYTHING_ON, "{api: {tls: {enabled: true, issuerRef: {name: atlas-internal-ca, kind: ClusterIssuer}}}}")) {
            for (HasMetadata object : Chart.render(values).objects()) {
                if (THIRD_PARTY.knows(object.getKind())) {
                    JsonNode json = tree(object);
                    assertThat(THIRD_PARTY.violations(json)).as(object.getKind() + " " + object.getMetadata().getName()).isEmpty();
                    kinds.add(object.getKind());
                }
            }
        }
        assertThat(kinds).contains("ServiceMonitor", "PrometheusRule", "Certificate", "Issuer");
        // The validator does reject what the CRD forbids.
        JsonNode broken = RepositoryFiles.YAML.valueToTree(Map.of("apiVersion", "cert-manager.io/v1", "kind", "Certificate",
                "metadata", Map.of("name", "x"), "spec", Map.of("secretName", "x", "privateKey", Map.of("algorithm", "DSA"))));
        assertThat(THIRD_PARTY.violations(broken)).isNotEmpty();
    }

    @Test
    void theApisCertificateIsAShortLivedEcdsaP256CertificateForItsService() {
        Chart.Rendered rendered = Chart.render("{api: {tls: {enabled: true}}, ingress: {enabled: true}}");
        Certificate api = rendered.get(Certificate.class, "nubicustos-api-tls");
        assertThat(api.getSpec().getPrivateKey().getAlgorithm()).isEqualTo("ECDSA");
        assertThat(api.getSpec().getPrivateKey().getSize()).isEqualTo(256);
        assertThat(api.getSpec().getPrivateKey().getRotationPolicy()).isEqualTo("Always");
        assertThat(api.getSpec().getDuration().getDuration()).isEqualTo(java.time.Duration.ofHours(24));
        assertThat(api.getSpec().getRenewBefore().getDuration()).isEqualTo(java.time.Duration.ofHours(8));
        assertThat(api.getSpec().getDnsNames()).contains("nubicustos-api.nubicustos-system.svc", "nubicustos.example.com");
        assertThat(api.getSpec().getIsCA()).isNotEqualTo(Boolean.TRUE);
        // Issued by the release's own CA, itself from a self-signed root.
        Issuer ca = rendered.get(Issuer.class, api.getSpec().getIssuerRef().getName());
        Certificate root = rendered.all(Certificate.class).stream().filter(c -> c.getSpec().getSecretName().equals(ca.getSpec().getCa().getSecretName()))
                .findFirst().orElseThrow();
        assertThat(root.getSpec().getIsCA()).isTrue();
        assertThat(root.getSpec().getPrivateKey().getAlgorithm()).isEqualTo("ECDSA");
        assertThat(rendered.get(Issuer.class, root.getSpec().getIssuerRef().getName()).getSpec().getSelfSigned()).isNotNull();
        // The API serves it on its HTTPS port.
        var pod = rendered.get(io.fabric8.kubernetes.api.model.apps.Deployment.class, "nubicustos-operator");
        assertThat(HelmChartValuesTest.env(pod, "api")).containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_FILES", "/etc/nubicustos/tls/tls.crt")
                .containsEntry("QUARKUS_HTTP_SSL_PORT", "8443");
        assertThat(pod.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getSecret() == null ? null : v.getSecret().getSecretName()).isEqualTo(api.getSpec().getSecretName()));

        Chart.Rendered external = Chart.render("{api: {tls: {enabled: true, issuerRef: {name: atlas-internal-ca, kind: ClusterIssuer}}}}");
        assertThat(external.all(Issuer.class)).as("no issuer of its own when one is given").isEmpty();
        assertThat(external.get(Certificate.class, "nubicustos-api-tls").getSpec().getIssuerRef())
                .satisfies(r -> assertThat(r.getKind() + "/" + r.getName()).isEqualTo("ClusterIssuer/atlas-internal-ca"));
    }

    @Test
    void serviceMonitorsScrapeTheRenderedServicesOnTheirMetricsPaths() {
        Chart.Rendered rendered = Chart.everythingOn();
        List<String> scraped = new ArrayList<>();
        for (HasMetadata monitor : rendered.kind("ServiceMonitor")) {
            JsonNode spec = tree(monitor).path("spec");
            Map<String, String> selector = RepositoryFiles.YAML.convertValue(spec.at("/selector/matchLabels"),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
            List<Service> services = rendered.all(Service.class).stream()
                    .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
            assertThat(services).as(monitor.getMetadata().getName()).singleElement();
            Service service = services.get(0);
            JsonNode endpoint = spec.path("endpoints").get(0);
            assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
            assertThat(service.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo(endpoint.path("port").asText()));
            assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
            scraped.add(service.getMetadata().getName());
        }
        assertThat(scraped).containsExactlyInAnyOrder("nubicustos-operator-metrics", "nubicustos-api");
    }

    @Test
    void theAlertsCoverAtlasAndTheScanPipelineWithMetricsThatExist() {
        Chart.Rendered rendered = Chart.everythingOn();
        JsonNode rule = tree(rendered.kind("PrometheusRule").get(0));
        Map<String, String> alerts = new java.util.LinkedHashMap<>();
        rule.at("/spec/groups").forEach(g -> g.path("rules").forEach(r -> alerts.put(r.path("alert").asText(), r.path("expr").asText())));
        assertThat(alerts).containsOnlyKeys("NubicustosOperatorDown", "NubicustosApiDown", "NubicustosMemoryNearLimit",
                "NubicustosCertificateExpiring", "NubicustosScanFailuresRising", "NubicustosScanQueueSaturated", "NubicustosIngestStalled",
                "NubicustosVolumeFillingUp", "NubicustosCredentialRotationDue", "NubicustosAuthenticationFailuresRising",
                "NubicustosIngestTokenRefusalsRising");

        Set<String> published = publishedMetrics();
        Set<String> external = Set.of("up", "container_memory_working_set_bytes", "container_spec_memory_limit_bytes",
                "certmanager_certificate_expiration_timestamp_seconds", "http_server_requests_seconds_count",
                "kubelet_volume_stats_available_bytes", "kubelet_volume_stats_capacity_bytes");
        Pattern metric = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\{");
        alerts.forEach((alert, expr) -> {
            assertThat(balanced(expr)).as(alert + " brackets: " + expr).isTrue();
            Matcher m = metric.matcher(expr);
            int found = 0;
            while (m.find()) {
                found++;
                String name = m.group(1);
                assertThat(published.contains(name) || external.contains(name))
                        .as("%s uses %s, which neither the operator nor the API publishes (they publish %s)", alert, name, published).isTrue();
            }
            assertThat(found).as(alert).isPositive();
        });
        // Scrape jobs are named after the Services the ServiceMonitors select.
        assertThat(alerts.get("NubicustosOperatorDown")).contains("job=\"nubicustos-operator-metrics\"", "namespace=\"nubicustos-system\"");
        assertThat(alerts.get("NubicustosApiDown")).contains("job=\"nubicustos-api\"");
        assertThat(alerts.get("NubicustosScanQueueSaturated")).contains(">= 10");
        assertThat(alerts.get("NubicustosMemoryNearLimit")).contains("> 0.9");
        assertThat(alerts.get("NubicustosIngestStalled")).contains("uri=~\"/api/ingest/.*\"");
        assertThat(alerts.get("NubicustosVolumeFillingUp")).contains("persistentvolumeclaim=~\"data-nubicustos-.*\"", "< 0.1");
        assertThat(alerts.get("NubicustosAuthenticationFailuresRising")).contains("nubicustos_api_authentication_failures_total{", "job=\"nubicustos-api\"", "> 50");
        assertThat(alerts.get("NubicustosIngestTokenRefusalsRising")).contains("nubicustos_ingest_token_refusals_total{", "> 5");
    }

    /** Prometheus names of the meters the operator registers with Micrometer (counters get _total). */
    private static Set<String> publishedMetrics() {
        Set<String> names = new HashSet<>();
        Pattern meter = Pattern.compile("(Counter|Gauge|Timer)\\.builder\\(\"([a-z0-9_.]+)\"");
        for (String module : List.of("operator/src/main/java", "src/api/src/main/java")) {
            try (Stream<Path> files = Files.walk(RepositoryFiles.root().resolve(module))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = meter.matcher(Files.readString(file));
                    while (m.find()) {
                        String base = m.group(2).replace('.', '_');
                        switch (m.group(1)) {
                            case "Counter" -> names.add(base + "_total");
                            case "Gauge" -> names.add(base);
                            default -> names.addAll(List.of(base + "_seconds_count", base + "_seconds_sum", base + "_seconds_bucket"));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(names).contains("nubicustos_scan_runs_total", "nubicustos_scan_runs_running", "nubicustos_scan_runs_queued");
        return names;
    }

    /** As Fabric8 would send it to the API server. */
    private static JsonNode tree(HasMetadata object) {
        try {
            return RepositoryFiles.YAML.readTree(Chart.SERIALIZATION.asJson(object));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean balanced(String expr) {
        int depth = 0;
        for (char c : expr.toCharArray()) {
            depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}
