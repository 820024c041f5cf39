package io.nubicustos.operator.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.operator.crd.RepositoryFiles;

/**
 * helm/nubicustos rendered through Helm itself (helm-java runs Helm's Go code in-process), as
 * release "nubicustos" in "nubicustos-system", with values given as YAML.
 */
public final class Chart {

    static final Path DIR = RepositoryFiles.root().resolve("helm/nubicustos");
    static final String RELEASE = "nubicustos";
    static final String NAMESPACE = "nubicustos-system";
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** Every optional feature on, with values that exercise each branch of the templates. */
    static final String EVERYTHING_ON = """
            operator:
              replicas: 2
              config:
                scan:
                  tools:
                    trivy:
                      image: registry.example.com/aquasec/trivy:0.67.2
              extraEnv:
                - name: QUARKUS_LOG_LEVEL
                  value: INFO
            api:
              separate: true
              replicas: 2
              corsOrigins: https://console.example.com
              rateLimit:
                trustedProxies: [10.0.0.0/8]
              retention:
                enabled: true
              tls:
                enabled: true
            ingress:
              enabled: true
              className: nginx
              tlsSecretName: nubicustos-ingress-tls
            postgresql:
              bundled: true
            neo4j:
              bundled: true
            networkPolicy:
              apiFrom:
                - namespaceSelector:
                    matchLabels:
                      kubernetes.io/metadata.name: ingress-nginx
              kubernetesApi:
                cidrs: [172.18.0.2/32]
            metrics:
              serviceMonitor:
                enabled: true
                labels: {release: prometheus}
              prometheusRule:
                enabled: true
                labels: {release: prometheus}
            nodeSelector:
              kubernetes.io/os: linux
            tolerations:
              - {key: dedicated, operator: Equal, value: security, effect: NoSchedule}
            priorityClassName: system-cluster-critical
            images:
              pullSecrets: [ghcr]
            """;

    private Chart() {
    }

    /** The chart with its default values, rendered once for all tests (nothing mutates a rendering). */
    public static Rendered defaults() {
        return Defaults.RENDERED;
    }

    /** The chart with every optional feature on ({@link #EVERYTHING_ON}), rendered once. */
    static Rendered everythingOn() {
        return EverythingOn.RENDERED;
    }

    private static final class Defaults {
        static final Rendered RENDERED = render("{}");
    }

    private static final class EverythingOn {
        static final Rendered RENDERED = render(EVERYTHING_ON);
    }

    static Rendered render(String values) {
        return new Rendered(template(DIR, values));
    }

    /** The error Helm answers for these values (schema or template failure). */
    static String failure(String values) {
        try {
            String output = template(DIR, values);
            throw new AssertionError("expected Helm to refuse these values, but it rendered:\n" + output.substring(0, Math.min(400, output.length())));
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /**
     * Renders a copy of the chart whose one cluster read (templates/_lookup.tpl) answers from the
     * given objects, keyed "apiVersion/Kind/namespace/name": what `lookup` returns on an upgrade.
     */
    static Rendered renderAgainstCluster(String values, Map<String, Object> cluster) {
        Path copy = copyOfChart();
        try {
            Files.writeString(copy.resolve("test-cluster.yaml"), RepositoryFiles.YAML.writeValueAsString(cluster));
            Files.writeString(copy.resolve("templates/_lookup.tpl"), """
                    {{- define "nubicustos.lookup" -}}
                    {{- $cluster := .root.Files.Get "test-cluster.yaml" | fromYaml -}}
                    {{- index $cluster (printf "%s/%s/%s/%s" .apiVersion .kind .namespace .name) | default dict | toYaml -}}
                    {{- end -}}
                    """);
            return new Rendered(template(copy, values));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(copy);
        }
    }

    private static String template(Path chart, String values) {
        Path file = null;
        try {
            file = Files.createTempFile("values", ".yaml");
            Files.writeString(file, values);
            return new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion("1.31.0")
                    .withValuesFile(file).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    private static Path copyOfChart() {
        try {
            Path copy = Files.createTempDirectory("chart").resolve("nubicustos");
            try (Stream<Path> files = Files.walk(DIR)) {
                for (Path source : files.toList()) {
                    Path target = copy.resolve(DIR.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of one rendering, parsed by Fabric8's model. */
    public record Rendered(String yaml, List<HasMetadata> objects) {

        Rendered(String yaml) {
            this(yaml, parse(yaml));
        }

        @SuppressWarnings("unchecked")
        private static List<HasMetadata> parse(String yaml) {
            Object parsed = SERIALIZATION.unmarshal(yaml);
            return parsed instanceof HasMetadata one ? List.of(one) : List.copyOf((List<HasMetadata>) parsed);
        }

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<HasMetadata> kind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
        }

        <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
            return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
        }

        <T extends HasMetadata> T get(Class<T> type, String name) {
            return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " rendered; have "
                    + objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList()));
        }

        /** Every pod template (Deployments and StatefulSets), by its workload's name. */
        Map<String, PodTemplateSpec> podTemplates() {
            Map<String, PodTemplateSpec> templates = new java.util.LinkedHashMap<>();
            all(Deployment.class).forEach(d -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
            all(StatefulSet.class).forEach(s -> templates.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
            return templates;
        }

        List<String> names() {
            List<String> names = new ArrayList<>();
            objects.forEach(o -> names.add(o.getKind() + "/" + o.getMetadata().getName()));
            return names;
        }
    }
}
