package io.nubicustos.operator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.operator.chart.Chart;
import io.nubicustos.operator.config.PrinterColumnOrder;
import io.nubicustos.operator.crd.CrdSchemaValidator;
import io.nubicustos.operator.crd.RepositoryFiles;
import io.nubicustos.operator.crd.RepositoryFiles.Document;

/**
 * config/argocd against ArgoCD's real CRD schemas (fixtures/crds), against each other (the
 * Applications stay inside their project) and against what they deploy: the chart's cluster-scoped
 * objects and the ScanJobs and NetworkSegments the scans Application picks from config/samples.
 */
class ArgoCdManifestsTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final CustomResourceDefinition APPLICATION_CRD = RepositoryFiles.fixtureCrd("argocd_application-crd.yaml");
    private static final CustomResourceDefinition APP_PROJECT_CRD = RepositoryFiles.fixtureCrd("argocd_appproject-crd.yaml");
    private static final CrdSchemaValidator ARGOCD_SCHEMAS = new CrdSchemaValidator(
            Map.of("Application", APPLICATION_CRD, "AppProject", APP_PROJECT_CRD));
    private static final List<Document> MANIFESTS = RepositoryFiles.documents("config/argocd");
    private static final Path CHART = RepositoryFiles.root().resolve("helm/nubicustos");
    private static final String CHART_PATH = "helm/nubicustos";
    private static final String SYNC_WAVE = PrinterColumnOrder.SYNC_WAVE;

    static Stream<Document> argoCdObjects() {
        return MANIFESTS.stream().filter(d -> ARGOCD_SCHEMAS.knows(d.kind()));
    }

    // ---------------------------------------------------------------- schemas

    @ParameterizedTest(name = "{0}")
    @MethodSource("argoCdObjects")
    void everyArgoCdObjectMatchesArgoCdsOwnSchema(Document document) {
        assertThat(ARGOCD_SCHEMAS.violations(document.content())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("argoCdObjects")
    void noFieldIsOneTheApiServerWouldSilentlyDrop(Document document) {
        // Structural schemas do not reject unknown fields, they prune them: a misspelt syncOption
        // block would vanish without a word. Every field must be one the schema declares.
        JsonNode schema = RepositoryFiles.schema(document.kind().equals("Application") ? APPLICATION_CRD : APP_PROJECT_CRD);
        assertThat(unknownFields(schema, document.content())).isEmpty();
    }

    @Test
    void theFolderHoldsTheProjectTheTwoApplicationsAndTheHealthChecks() {
        assertThat(MANIFESTS.stream().map(d -> d.kind() + "/" + d.content().at("/metadata/name").asText()))
                .containsExactlyInAnyOrder("AppProject/nubicustos", "Application/nubicustos", "Application/nubicustos-scans",
                        "ConfigMap/argocd-cm");
        assertThat(MANIFESTS).allSatisfy(d -> assertThat(d.content().at("/metadata/namespace").asText()).isEqualTo("argocd"));
    }

    // ---------------------------------------------------------------- the project and its Applications

    @Test
    void eachApplicationStaysWithinTheProjectsRepositoriesAndDestinations() {
        JsonNode project = project();
        Set<String> repos = texts(project.at("/spec/sourceRepos"));
        Set<String> destinations = new HashSet<>();
        project.at("/spec/destinations").forEach(d -> destinations.add(d.path("server").asText() + " " + d.path("namespace").asText()));
        assertThat(repos).doesNotContain("*");
        assertThat(destinations).noneMatch(d -> d.contains("*"));

        for (JsonNode app : applications()) {
            assertThat(app.at("/spec/project").asText()).isEqualTo(project.at("/metadata/name").asText());
            assertThat(repos).contains(app.at("/spec/source/repoURL").asText());
            assertThat(destinations).contains(app.at("/spec/destination/server").asText() + " " + app.at("/spec/destination/namespace").asText());
        }
    }

    @Test
    void theChartApplicationInstallsThisRepositorysChartIntoTheOperatorsNamespace() throws IOException {
        JsonNode app = application("nubicustos");
        assertThat(app.at("/spec/source/repoURL").asText()).isEqualTo(chartHome());
        assertThat(app.at("/spec/source/path").asText()).isEqualTo(CHART_PATH);
        assertThat(CHART.resolve("Chart.yaml")).isRegularFile();
        assertThat(app.at("/spec/source/helm/releaseName").asText()).isEqualTo("nubicustos");
        // The namespace the operator's generated manifests and its defaults assume.
        Properties operator = new Properties();
        try (var in = Files.newInputStream(RepositoryFiles.root().resolve("operator/src/main/resources/application.properties"))) {
            operator.load(in);
        }
        assertThat(app.at("/spec/destination/namespace").asText()).isEqualTo(operator.getProperty("quarkus.kubernetes.namespace"));
    }

    @Test
    void bothApplicationsSyncAutomaticallyServerSideAndCreateTheirRestrictedNamespace() {
        for (JsonNode app : applications()) {
            String name = app.at("/metadata/name").asText();
            assertThat(app.at("/spec/syncPolicy/automated/prune").asBoolean()).as(name).isTrue();
            assertThat(app.at("/spec/syncPolicy/automated/selfHeal").asBoolean()).as(name).isTrue();
            // The CRDs exceed the 256 KiB of client-side apply's last-applied-configuration annotation.
            assertThat(texts(app.at("/spec/syncPolicy/syncOptions"))).as(name).contains("ServerSideApply=true", "CreateNamespace=true");
            assertThat(app.at("/spec/syncPolicy/managedNamespaceMetadata/labels/pod-security.kubernetes.io~1enforce").asText())
                    .as(name).isEqualTo("restricted");
        }
        JsonNode chart = application("nubicustos");
        // Helm's lookup sees nothing under ArgoCD: Secrets the chart generates once must not be regenerated at each sync.
        assertThat(texts(chart.at("/spec/syncPolicy/syncOptions"))).contains("RespectIgnoreDifferences=true");
        assertThat(chart.at("/spec/ignoreDifferences")).anySatisfy(d -> {
            assertThat(d.path("kind").asText()).isEqualTo("Secret");
            assertThat(texts(d.path("jsonPointers"))).contains("/data");
        });
    }

    @Test
    void theProjectAllowsEveryClusterScopedKindTheApplicationsInstallAndNoWildcard() {
        Set<String> whitelist = new HashSet<>();
        project().at("/spec/clusterResourceWhitelist").forEach(e -> whitelist.add(e.path("group").asText() + "/" + e.path("kind").asText()));
        assertThat(whitelist).noneMatch(e -> e.contains("*"));

        Set<String> needed = new LinkedHashSet<>();
        for (HasMetadata object : Chart.defaults().objects()) {
            if (!namespaced(object)) {
                needed.add(group(object.getApiVersion()) + "/" + object.getKind());
            }
        }
        needed.add("apiextensions.k8s.io/CustomResourceDefinition"); // the chart's crds/
        for (Document document : scansApplicationDocuments()) {
            HasMetadata object = SERIALIZATION.unmarshal(document.content().toString());
            if (!namespaced(object)) {
                needed.add(group(object.getApiVersion()) + "/" + object.getKind());
            }
        }
        if (applications().stream().anyMatch(a -> texts(a.at("/spec/syncPolicy/syncOptions")).contains("CreateNamespace=true"))) {
            needed.add("/Namespace");
        }
        assertThat(whitelist).containsAll(needed);
    }

    // ---------------------------------------------------------------- what the scans Application syncs

    @Test
    void theScansApplicationSyncsTheFiveSegmentsAndScanJobsThatRunWithoutFurtherSetup() {
        JsonNode app = application("nubicustos-scans");
        List<Document> synced = scansApplicationDocuments();
        assertThat(synced).extracting(Document::kind).containsOnly("NetworkSegment", "ScanJob");
        assertThat(synced.stream().filter(d -> d.kind().equals("NetworkSegment")).map(d -> d.content().at("/metadata/name").asText()))
                .containsExactlyInAnyOrder("development", "testing", "staging", "production", "management");
        List<Document> scanJobs = synced.stream().filter(d -> d.kind().equals("ScanJob")).toList();
        assertThat(scanJobs).isNotEmpty();

        CrdSchemaValidator ours = new CrdSchemaValidator();
        Set<String> segments = new HashSet<>();
        synced.stream().filter(d -> d.kind().equals("NetworkSegment")).forEach(d -> segments.add(d.content().at("/metadata/name").asText()));
        String destination = app.at("/spec/destination/namespace").asText();
        for (Document document : synced) {
            JsonNode content = document.content();
            assertThat(ours.violations(content)).as(document.toString()).isEmpty();
            assertThat(content.at("/metadata/namespace").asText(destination)).as(document.toString()).isEqualTo(destination);
        }
        for (Document scanJob : scanJobs) {
            JsonNode spec = scanJob.content().path("spec");
            // A credential needs a Secret, which does not belong in Git; host access needs the operator's consent.
            assertThat(spec.has("credentialRef")).as(scanJob.toString()).isFalse();
            assertThat(spec.path("hostAccess").asBoolean(false)).as(scanJob.toString()).isFalse();
            if (spec.has("segmentRef")) {
                assertThat(segments).as(scanJob.toString()).contains(spec.at("/segmentRef/name").asText());
            }
        }
    }

    // ---------------------------------------------------------------- order

    @Test
    void theGeneratorAnnotatesEveryCrdForArgoCd() {
        for (String plural : List.of("scanjobs", "cloudcredentials", "networksegments")) {
            CustomResourceDefinition crd = RepositoryFiles.crd(plural);
            crd.getMetadata().setAnnotations(null);
            new PrinterColumnOrder().process(crd, "v1");
            assertThat(crd.getMetadata().getAnnotations()).as(plural).containsAllEntriesOf(PrinterColumnOrder.ARGOCD_ANNOTATIONS);
        }
    }

    @Test
    void theCrdsComeBeforeEverythingElseTheChartInstallsAndOutliveTheApplication() throws IOException {
        int crdWave = Integer.parseInt(PrinterColumnOrder.ARGOCD_ANNOTATIONS.get(SYNC_WAVE));
        for (Path folder : List.of(RepositoryFiles.root().resolve("crds"), CHART.resolve("crds"))) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    CustomResourceDefinition crd = SERIALIZATION.unmarshal(Files.readString(file), CustomResourceDefinition.class);
                    assertThat(crd.getMetadata().getAnnotations())
                            .as("%s carries the ArgoCD annotations (run make crds)", RepositoryFiles.root().relativize(file))
                            .containsEntry(SYNC_WAVE, String.valueOf(crdWave))
                            .hasEntrySatisfying(PrinterColumnOrder.SYNC_OPTIONS,
                                    options -> assertThat(options.split(",")).contains("Prune=false", "Delete=false"));
                }
            }
        }
        for (HasMetadata object : Chart.defaults().objects()) {
            if (object instanceof CustomResourceDefinition) {
                continue;
            }
            assertThat(wave(object.getMetadata().getAnnotations())).as(object.getKind() + " " + object.getMetadata().getName())
                    .isGreaterThan(crdWave);
        }
        assertThat(wave(annotations(application("nubicustos")))).isLessThan(wave(annotations(application("nubicustos-scans"))));
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode project() {
        return MANIFESTS.stream().filter(d -> d.kind().equals("AppProject")).findFirst().orElseThrow().content();
    }

    private static List<JsonNode> applications() {
        return MANIFESTS.stream().filter(d -> d.kind().equals("Application")).map(Document::content).toList();
    }

    private static JsonNode application(String name) {
        return applications().stream().filter(a -> a.at("/metadata/name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static String chartHome() throws IOException {
        return RepositoryFiles.YAML.readTree(CHART.resolve("Chart.yaml").toFile()).path("home").asText();
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new LinkedHashSet<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static Map<String, String> annotations(JsonNode object) {
        Map<String, String> annotations = new HashMap<>();
        object.at("/metadata/annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        return annotations;
    }

    private static int wave(Map<String, String> annotations) {
        return annotations == null || !annotations.containsKey(SYNC_WAVE) ? 0 : Integer.parseInt(annotations.get(SYNC_WAVE));
    }

    private static String group(String apiVersion) {
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    /** Whether an object lives in a namespace: Fabric8's model knows the built-in kinds, the CRDs the rest. */
    private static boolean namespaced(HasMetadata object) {
        if (!(object instanceof GenericKubernetesResource)) {
            return object instanceof Namespaced;
        }
        List<CustomResourceDefinition> crds = new ArrayList<>(RepositoryFiles.crds().values());
        try (Stream<Path> fixtures = Files.list(RepositoryFiles.root().resolve("fixtures/crds"))) {
            fixtures.forEach(f -> crds.add(RepositoryFiles.fixtureCrd(f.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return crds.stream()
                .filter(c -> c.getSpec().getGroup().equals(group(object.getApiVersion())) && c.getSpec().getNames().getKind().equals(object.getKind()))
                .map(c -> c.getSpec().getScope().equals("Namespaced"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("unknown kind " + object.getApiVersion() + " " + object.getKind()));
    }

    /**
     * The documents ArgoCD's directory source would read: every .yaml/.yml/.json file under its path
     * (recursively when recurse is set) whose path relative to it matches the include glob.
     */
    private static List<Document> scansApplicationDocuments() {
        JsonNode source = application("nubicustos-scans").at("/spec/source");
        Path base = RepositoryFiles.root().resolve(source.path("path").asText());
        boolean recurse = source.at("/directory/recurse").asBoolean(false);
        Pattern include = source.at("/directory/include").isMissingNode() ? Pattern.compile(".*")
                : ArgoCdGlob.compile(source.at("/directory/include").asText());
        Pattern manifest = Pattern.compile("^.*\\.(yaml|yml|json)$");
        List<Document> documents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(base, recurse ? Integer.MAX_VALUE : 1)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = base.relativize(file).toString();
                if (!manifest.matcher(file.getFileName().toString()).matches() || !include.matcher(relative).matches()) {
                    continue;
                }
                try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
                    RepositoryFiles.YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                        if (node != null && !node.isNull() && !node.isMissingNode()) {
                            documents.add(new Document(RepositoryFiles.root().relativize(file).toString(), node));
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** Fields of {@code value} its structural schema does not declare, which the API server would prune. */
    static List<String> unknownFields(JsonNode schema, JsonNode value) {
        List<String> unknown = new ArrayList<>();
        walk(schema, value, "", unknown, true);
        return unknown;
    }

    private static void walk(JsonNode schema, JsonNode value, String path, List<String> unknown, boolean root) {
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            return;
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            value.fields().forEachRemaining(field -> {
                String at = path + "/" + field.getKey();
                if (root && field.getKey().equals("metadata")) {
                    return; // ObjectMeta: validated by the API server itself
                }
                if (properties.has(field.getKey())) {
                    walk(properties.get(field.getKey()), field.getValue(), at, unknown, false);
                } else if (additional.isObject()) {
                    walk(additional, field.getValue(), at, unknown, false);
                } else if (!additional.asBoolean(false)) {
                    unknown.add(at);
                }
            });
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                walk(schema.get("items"), value.get(i), path + "/" + i, unknown, false);
            }
        }
    }
}
