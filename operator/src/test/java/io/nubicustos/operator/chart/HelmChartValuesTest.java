package io.nubicustos.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.nubicustos.operator.crd.RepositoryFiles;

/** values.yaml, values.schema.json and the README agree, and the values do what they say. */
class HelmChartValuesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a misspelt key            | operator: {replica: 2}                        | at '/operator': additional properties 'replica' not allowed
            zero replicas             | operator: {replicas: 0}                       | at '/operator/replicas': minimum: got 0, want 1
            root                      | runAsUser: 0                                  | at '/runAsUser': minimum: got 0, want 1
            a quantity                | operator: {resources: {limits: {memory: lots}}} | at '/operator/resources/limits/memory'
            no limits                 | api: {resources: {limits: null}}              | at '/api/resources'
            an unknown sslmode        | postgresql: {tls: {mode: strict}}             | at '/postgresql/tls/mode': value must be one of 'disable', 'require', 'verify-ca', 'verify-full'
            a duration                | api: {tls: {duration: 1day}}                  | at '/api/tls/duration'
            a ratio above one         | metrics: {prometheusRule: {memoryLimitRatio: 1.5}} | at '/metrics/prometheusRule/memoryLimitRatio': maximum: got 1.5, want 1
            a pull policy             | images: {pullPolicy: Sometimes}               | at '/images/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'
            an issuer kind            | api: {tls: {issuerRef: {kind: Vault}}}        | at '/api/tls/issuerRef/kind': value must be one of 'Issuer', 'ClusterIssuer'
            a CIDR                    | networkPolicy: {kubernetesApi: {cidrs: [kubernetes.default]}} | at '/networkPolicy/kubernetesApi/cidrs/0'
            a string for a boolean    | api: {separate: "yes"}                        | at '/api/separate': got string, want boolean
            an allowed image by tag   | scans: {allowedImages: {prowler: [registry.example/prowler:5.13.1]}} | at '/scans/allowedImages/prowler/0'
            an unknown tool           | scans: {allowedImages: {nmap: []}}            | invalid propertyName 'nmap'
            """)
    void theSchemaRejectsAWrongValueNamingItsPath(String what, String values, String message) {
        assertThat(Chart.failure(values)).as(what).contains("values don't meet the specifications of the schema").contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            two operators without a lease | operator: {replicas: 2, leaderElection: false} | operator.replicas > 1 needs operator.leaderElection=true
            verification without a CA     | postgresql: {tls: {mode: verify-full}}        | postgresql.tls.mode=verify-full needs postgresql.tls.caSecret
            TLS to the bundled PostgreSQL | postgresql: {bundled: true, tls: {mode: require}} | the bundled PostgreSQL (postgresql.bundled=true) has no TLS
            TLS to the bundled Neo4j      | neo4j: {bundled: true, tls: {enabled: true}}  | the bundled Neo4j (neo4j.bundled=true) has no TLS
            no database host              | postgresql: {host: ""}                        | postgresql.host is required unless postgresql.bundled is true
            """)
    void combinationsTheSchemaCannotExpressFailWithAMessage(String what, String values, String message) {
        assertThat(Chart.failure(values)).as(what).contains(message);
    }

    @Test
    void everyValueIsInValuesYamlTheSchemaAndTheReadme() throws IOException {
        JsonNode schema = RepositoryFiles.YAML.readTree(Chart.DIR.resolve("values.schema.json").toFile());
        JsonNode values = RepositoryFiles.YAML.readTree(Chart.DIR.resolve("values.yaml").toFile());
        List<String> leaves = new ArrayList<>();
        leaves(schema, schema, "", leaves);

        TreeSet<String> inValues = new TreeSet<>();
        for (String leaf : leaves) {
            if (values.at("/" + leaf.replace('.', '/')).isMissingNode()) {
                inValues.add(leaf);
            }
        }
        assertThat(inValues).as("in the schema but not in values.yaml").isEmpty();

        String readme = Files.readString(Chart.DIR.resolve("README.md"));
        Matcher documented = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE).matcher(readme);
        List<String> rows = new ArrayList<>();
        while (documented.find()) {
            rows.add(documented.group(1));
        }
        assertThat(rows).as("README rows").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(leaves);
        // And each row's default is the one in values.yaml (plain values only).
        for (String leaf : leaves) {
            JsonNode value = values.at("/" + leaf.replace('.', '/'));
            if (value.isValueNode()) {
                String shown = value.isTextual() && value.asText().isEmpty() ? "\"\"" : value.asText();
                assertThat(readme).as("README default of " + leaf).contains("| `" + leaf + "` | `" + shown + "` |");
            }
        }
    }

    /** Leaf paths of the schema: a property that is not an object with declared properties. */
    private static void leaves(JsonNode root, JsonNode node, String path, List<String> out) {
        if (node.has("$ref")) {
            node = root.at(node.get("$ref").asText().substring(1));
        }
        if (!node.has("properties")) {
            out.add(path);
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.get("properties").fields();
        while (fields.hasNext()) {
            var field = fields.next();
            leaves(root, field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), out);
        }
    }

    @Test
    void replicasWithLeaderElectionShareOneLeaseAndRollWithoutOverlapOtherwise() {
        Chart.Rendered two = Chart.render("operator: {replicas: 2}");
        Deployment elected = two.get(Deployment.class, "nubicustos-operator");
        assertThat(elected.getSpec().getReplicas()).isEqualTo(2);
        assertThat(elected.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(env(elected, "operator")).doesNotContainKey("QUARKUS_PROFILE")
                .containsEntry("NUBICUSTOS_SCAN_OPERATOR_NAMESPACE", "fieldRef:metadata.namespace");
        assertThat(two.get(Role.class, "nubicustos-operator-lease").getRules()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.getResources()).containsExactly("leases"));

        Chart.Rendered single = Chart.render("operator: {leaderElection: false}");
        Deployment alone = single.get(Deployment.class, "nubicustos-operator");
        assertThat(alone.getSpec().getStrategy().getType()).as("never two operators without a lease").isEqualTo("Recreate");
        // The operator's extension elects a leader under the prod profile only.
        assertThat(env(alone, "operator")).containsEntry("QUARKUS_PROFILE", "standalone");
        assertThat(single.find(Role.class, "nubicustos-operator-lease")).isEmpty();
    }

    @Test
    void theOperatorAndTheApiAreWiredAsTheLocalLauncherWiresThem() {
        Deployment pod = Chart.defaults().get(Deployment.class, "nubicustos-operator");
        Map<String, String> operator = env(pod, "operator");
        assertThat(operator).containsEntry("NUBICUSTOS_SCAN_API_URL", "http://nubicustos-api.nubicustos-system.svc:8080")
                .containsEntry("NUBICUSTOS_SCAN_UPLOAD_KEY_SECRET", "nubicustos-upload-key")
                .containsEntry("NUBICUSTOS_SCAN_AUDIT_CLUSTER_ROLE", "nubicustos-audit")
                .containsEntry("NUBICUSTOS_SCAN_MAX_RUNNING", "10")
                .containsEntry("QUARKUS_CONFIG_LOCATIONS", "/etc/nubicustos/operator/operator.yaml");
        Map<String, String> api = env(pod, "api");
        assertThat(api).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgresql:5432/nubicustos?sslmode=disable&logServerErrorDetail=false")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "secret:nubicustos-postgresql/username")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "secret:nubicustos-postgresql/password")
                .containsEntry("NUBICUSTOS_NEO4J_URI", "bolt://neo4j:7687")
                .containsEntry("NUBICUSTOS_NEO4J_PASSWORD", "secret:nubicustos-neo4j/password")
                .containsEntry("NUBICUSTOS_API_KEY_HASH_SECRET", "secret:nubicustos-api-keys/key-hash-secret")
                .containsEntry("NUBICUSTOS_API_KEYS__ADMIN__VALUE", "secret:nubicustos-api-keys/admin-key")
                .containsEntry("NUBICUSTOS_API_KEYS__ADMIN__ROLE", "admin")
                .containsEntry("NUBICUSTOS_API_INGEST_UPLOAD_KEY_FILE", "/var/run/nubicustos/upload-key/key");
        // The upload key reaches the API as the raw bytes of the operator's Secret, never in the environment.
        var spec = pod.getSpec().getTemplate().getSpec();
        var mount = container(pod, "api").getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/var/run/nubicustos/upload-key"))
                .findFirst().orElseThrow();
        var volume = spec.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        assertThat(volume.getSecret().getSecretName()).isEqualTo("nubicustos-upload-key");
        assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0400);
        assertThat(mount.getReadOnly()).isTrue();
        assertThat(container(pod, "operator").getVolumeMounts()).noneMatch(m -> m.getName().equals(mount.getName()));
    }

    @Test
    void theOperatorsConfigurationFileNamesThisReleasesApiPodsAndMergesOperatorConfig() throws IOException {
        Chart.Rendered rendered = Chart.render("""
                operator:
                  config:
                    scan:
                      tools:
                        trivy: {image: mirror.example.com/trivy:0.67.2}
                """);
        JsonNode file = RepositoryFiles.YAML.readTree(rendered.get(ConfigMap.class, "nubicustos-operator").getData().get("operator.yaml"));
        assertThat(file.at("/nubicustos/scan/tools/trivy/image").asText()).isEqualTo("mirror.example.com/trivy:0.67.2");
        assertThat(file.at("/nubicustos/segments/api-namespace-labels/kubernetes.io~1metadata.name").asText()).isEqualTo(Chart.NAMESPACE);
        // Scan pods in segments may reach exactly the pods that serve the API.
        JsonNode podLabels = file.at("/nubicustos/segments/api-pod-labels");
        Map<String, String> apiPod = rendered.get(Deployment.class, "nubicustos-operator").getSpec().getTemplate().getMetadata().getLabels();
        podLabels.fields().forEachRemaining(l -> assertThat(apiPod).containsEntry(l.getKey(), l.getValue().asText()));
        assertThat(file.at("/nubicustos/segments/api-port").asInt()).isEqualTo(8080);

        Map<String, String> separateApiPod = Chart.render("api: {separate: true}").get(Deployment.class, "nubicustos-api")
                .getSpec().getTemplate().getMetadata().getLabels();
        podLabels.fields().forEachRemaining(l -> assertThat(separateApiPod).containsEntry(l.getKey(), l.getValue().asText()));
    }

    @Test
    void theOperatorAndTheApiGetOneScanPolicyAndAdmissionEnforcesIt() throws IOException {
        String image = "registry.example/prowler:5.13.1@sha256:" + "a".repeat(64);
        Chart.Rendered rendered = Chart.render("""
                scans:
                  allowedImages: {prowler: ["%s"]}
                  limits: {maxCpu: "2", maxMemory: 4Gi, maxTimeout: 3h, maxBackoffLimit: 2, minScheduleInterval: 2h}
                """.formatted(image));
        ConfigMap config = rendered.get(ConfigMap.class, "nubicustos-operator");
        JsonNode scan = RepositoryFiles.YAML.readTree(config.getData().get("operator.yaml")).path("nubicustos").path("scan");
        assertThat(scan.at("/tools/prowler/allowed-images/0").asText()).isEqualTo(image);
        assertThat(scan.at("/limits/max-cpu").asText()).isEqualTo("2");
        assertThat(scan.at("/limits/max-backoff-limit").asInt()).isEqualTo(2);
        java.util.Properties api = new java.util.Properties();
        api.load(new java.io.StringReader(config.getData().get("scan-policy.properties")));
        assertThat(api).containsEntry("nubicustos.scan.tools.prowler.allowed-images", image)
                .containsEntry("nubicustos.scan.limits.max-cpu", "2").containsEntry("nubicustos.scan.limits.max-memory", "4Gi")
                .containsEntry("nubicustos.scan.limits.max-timeout", "3h").containsEntry("nubicustos.scan.limits.max-backoff-limit", "2")
                .containsEntry("nubicustos.scan.limits.min-schedule-interval", "2h");
        for (Deployment d : List.of(rendered.get(Deployment.class, "nubicustos-operator"),
                Chart.render("api: {separate: true}").get(Deployment.class, "nubicustos-api"))) {
            assertThat(env(d, "api")).as(d.getMetadata().getName()).containsEntry("QUARKUS_CONFIG_LOCATIONS",
                    "/etc/nubicustos/scan-policy/scan-policy.properties");
            var container = d.getSpec().getTemplate().getSpec().getContainers().stream().filter(c -> c.getName().equals("api")).findFirst().orElseThrow();
            assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/nubicustos/scan-policy"));
            assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("checksum/operator-config");
        }
        assertThat(rendered.kind("ValidatingAdmissionPolicy")).hasSize(1);
        assertThat(rendered.kind("ValidatingAdmissionPolicyBinding")).singleElement()
                .satisfies(b -> assertThat(RepositoryFiles.YAML.valueToTree(b).at("/spec/validationActions/0").asText()).isEqualTo("Deny"));
        assertThat(Chart.render("scans: {admissionPolicy: {enabled: false}}").kind("ValidatingAdmissionPolicy")).isEmpty();
    }

    @Test
    void databaseTlsSettingsReachTheDrivers() {
        Deployment pod = Chart.render("""
                postgresql: {host: pg.example.com, tls: {mode: verify-full, caSecret: pg-ca}}
                neo4j: {host: graph.example.com, tls: {enabled: true}}
                """).get(Deployment.class, "nubicustos-operator");
        assertThat(env(pod, "api"))
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL",
                        "jdbc:postgresql://pg.example.com:5432/nubicustos?sslmode=verify-full&logServerErrorDetail=false&sslrootcert=/etc/nubicustos/postgresql-ca/ca.crt")
                .containsEntry("NUBICUSTOS_NEO4J_URI", "bolt+s://graph.example.com:7687");
        assertThat(container(pod, "api").getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/nubicustos/postgresql-ca"));
        assertThat(pod.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getSecret() == null ? null : v.getSecret().getSecretName()).isEqualTo("pg-ca"));
    }

    @Test
    void bundledDatabasesAreWiredToTheirGeneratedSecrets() {
        Chart.Rendered rendered = Chart.render("{postgresql: {bundled: true}, neo4j: {bundled: true}}");
        Map<String, String> api = env(rendered.get(Deployment.class, "nubicustos-operator"), "api");
        assertThat(api).containsEntry("QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://nubicustos-postgresql.nubicustos-system.svc:5432/nubicustos?sslmode=disable&logServerErrorDetail=false")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "secret:nubicustos-postgresql/password")
                .containsEntry("NUBICUSTOS_NEO4J_URI", "bolt://nubicustos-neo4j.nubicustos-system.svc:7687")
                .containsEntry("NUBICUSTOS_NEO4J_PASSWORD", "secret:nubicustos-neo4j/password");
        assertThat(rendered.find(io.fabric8.kubernetes.api.model.Secret.class, "nubicustos-postgresql")).isPresent();
        assertThat(rendered.find(io.fabric8.kubernetes.api.model.Service.class, "nubicustos-neo4j")).isPresent();
        var statefulSets = rendered.all(io.fabric8.kubernetes.api.model.apps.StatefulSet.class);
        assertThat(statefulSets).extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrder("nubicustos-postgresql", "nubicustos-neo4j");
        assertThat(statefulSets).allSatisfy(s -> assertThat(s.getSpec().getVolumeClaimTemplates()).singleElement()
                .satisfies(pvc -> assertThat(pvc.getSpec().getResources().getRequests()).containsKey("storage")));
    }

    @Test
    void imageTagsCanBePinnedPerImage() {
        Deployment pod = Chart.render("images: {operator: {tag: 0.2.0-rc1}, scanner: {repository: mirror.example.com/scanner, tag: abc}}")
                .get(Deployment.class, "nubicustos-operator");
        assertThat(container(pod, "operator").getImage()).isEqualTo("ghcr.io/nubicustos/operator:0.2.0-rc1");
        assertThat(container(pod, "api").getImage()).isEqualTo("ghcr.io/nubicustos/api:0.1.0");
        assertThat(env(pod, "operator")).containsEntry("NUBICUSTOS_SCAN_SCANNER_IMAGE", "mirror.example.com/scanner:abc");
    }

    static Container container(Deployment d, String name) {
        return d.getSpec().getTemplate().getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name + " in " + d.getMetadata().getName()));
    }

    /** A container's environment: values as they are, references as secret:name/key or fieldRef:path. */
    static Map<String, String> env(Deployment d, String container) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (EnvVar e : container(d, container).getEnv()) {
            String value = e.getValue();
            if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                value = "secret:" + e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey();
            } else if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null) {
                value = "fieldRef:" + e.getValueFrom().getFieldRef().getFieldPath();
            }
            assertThat(env.put(e.getName(), value)).as("duplicate env " + e.getName()).isNull();
        }
        return env;
    }
}
