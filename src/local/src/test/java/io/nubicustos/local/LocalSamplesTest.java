package io.nubicustos.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentValidator;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobValidator;
import io.nubicustos.local.LocalSamples.Document;

/** config/local/samples parses, passes the CRD schemas and the model's validators, and plants what its README says. */
class LocalSamplesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<Document> ALL = LocalSamples.documents();

    static Stream<Document> documents() {
        return ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyDocumentIsAKnownKindWithANameAndWhereNeededANamespace(Document d) {
        assertThat(d.name()).isNotBlank();
        if (d.object().getApiVersion().startsWith("nubicustos.io/")) {
            assertThat(d.object()).isInstanceOf(GenericKubernetesResource.class);
            assertThat(d.kind()).isIn("ScanJob", "NetworkSegment");
        } else {
            assertThat(d.object()).as("a built-in kind Fabric8 knows").isNotInstanceOf(GenericKubernetesResource.class);
        }
        boolean namespaced = d.object() instanceof Namespaced || d.kind().equals("ScanJob");
        // `make run` applies the folder without -n: every namespaced object names its namespace, which the samples create.
        if (namespaced) {
            assertThat(d.object().getMetadata().getNamespace()).isIn(namespaces());
        } else {
            assertThat(d.object().getMetadata().getNamespace()).isNull();
        }
    }

    @Test
    void theFiveSegmentsAreCopiesOfTheSamples() throws IOException {
        List<Document> segments = ALL.stream().filter(d -> d.kind().equals("NetworkSegment")).toList();
        assertThat(segments).extracting(Document::name).containsExactlyInAnyOrder("development", "testing", "staging", "production", "management");
        for (Document d : segments) {
            JsonNode original = YAML.readTree(LocalSamples.root().resolve("config/samples/networksegments/" + d.name() + ".yaml").toFile());
            assertThat(YAML.readTree(d.file().toFile())).as(d.toString()).isEqualTo(original);
            NetworkSegment segment = LocalSamples.SERIALIZATION.convertValue(d.object(), NetworkSegment.class);
            assertThat(NetworkSegmentValidator.validate(segment)).as(d.toString()).isEmpty();
            assertThat(schemaViolations(d)).as(d.toString()).isEmpty();
        }
    }

    @Test
    void theScanJobIsAValidOneOffBuiltInAuditInASampleNamespace() {
        List<Document> scanJobs = ALL.stream().filter(d -> d.kind().equals("ScanJob")).toList();
        assertThat(scanJobs).hasSize(1);
        ScanJob scanJob = LocalSamples.SERIALIZATION.convertValue(scanJobs.get(0).object(), ScanJob.class);
        assertThat(ScanJobValidator.validate(scanJob.getSpec())).isEmpty();
        assertThat(schemaViolations(scanJobs.get(0))).isEmpty();
        assertThat(scanJob.getSpec().getTool().wireName()).isEqualTo("kubernetes");
        assertThat(scanJob.getSpec().getSchedule()).as("runs as soon as it is applied").isNull();
        assertThat(scanJob.getSpec().getSegmentRef().getName()).isIn(names("NetworkSegment"));
    }

    @Test
    void theWeaknessesArePlantedAndTheHardenedWorkloadIsRestricted() {
        Deployment storefront = one(Deployment.class, "production", "storefront");
        PodSpec pod = storefront.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getSecurityContext().getPrivileged()).isTrue();
        Service exposed = one(Service.class, "production", "storefront");
        assertThat(exposed.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(storefront.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(exposed.getSpec().getSelector());
        assertThat(ALL.stream().map(Document::object).filter(ClusterRoleBinding.class::isInstance).map(ClusterRoleBinding.class::cast))
                .anySatisfy(b -> {
                    assertThat(b.getRoleRef().getName()).isEqualTo("cluster-admin");
                    assertThat(b.getSubjects()).anySatisfy(s -> assertThat(s.getNamespace() + "/" + s.getName())
                            .isEqualTo("production/" + pod.getServiceAccountName()));
                });
        assertThat(names("ServiceAccount")).contains(pod.getServiceAccountName());

        Deployment billing = one(Deployment.class, "staging", "billing-worker");
        var ref = billing.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null).findFirst().orElseThrow()
                .getValueFrom().getSecretKeyRef();
        assertThat(one(Secret.class, "staging", ref.getName()).getStringData()).containsKey(ref.getKey());

        Deployment notes = one(Deployment.class, "development", "notes");
        PodSpec hardened = notes.getSpec().getTemplate().getSpec();
        assertThat(hardened.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(hardened.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(hardened.getAutomountServiceAccountToken()).isFalse();
        assertThat(hardened.getContainers()).allSatisfy(c -> {
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
            assertThat(c.getImage()).contains("@sha256:");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSchemaCheckIsNotVacuous() {
        Document scanJob = ALL.stream().filter(d -> d.kind().equals("ScanJob")).findFirst().orElseThrow();
        var broken = LocalSamples.SERIALIZATION.clone((GenericKubernetesResource) scanJob.object());
        ((Map<String, Object>) broken.getAdditionalProperties().get("spec")).put("tool", "nmap");
        assertThat(schemaViolations(new Document(scanJob.file(), broken))).isNotEmpty();
    }

    @Test
    void theFilesStayOutOfTheOperatorsSampleTests() {
        // Those walk config/samples/**/*.yaml and expect each of Atlas's segments once.
        assertThat(LocalSamples.files()).isNotEmpty().allSatisfy(f -> assertThat(f.toString()).endsWith(".yml"));
    }

    private static Set<String> namespaces() {
        return names("Namespace");
    }

    private static Set<String> names(String kind) {
        return ALL.stream().filter(d -> d.kind().equals(kind)).map(Document::name).collect(Collectors.toSet());
    }

    private static <T> T one(Class<T> type, String namespace, String name) {
        return ALL.stream().map(Document::object).filter(type::isInstance)
                .filter(o -> namespace.equals(o.getMetadata().getNamespace()) && name.equals(o.getMetadata().getName()))
                .map(type::cast).findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + namespace + "/" + name));
    }

    // The CRD's structural schema, as the API server checks it before CEL (like the operator's CrdSchemaValidator).

    private static final JsonMetaSchema STRUCTURAL = JsonMetaSchema.builder(JsonMetaSchema.getV4())
            .keywords(Stream.of("x-kubernetes-validations", "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields",
                    "x-kubernetes-embedded-resource", "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type")
                    .map(NonValidationKeyword::new).toList())
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, b -> b.metaSchema(STRUCTURAL));
    private static final Map<String, String> PLURALS = Map.of("ScanJob", "scanjobs", "NetworkSegment", "networksegments");

    private static List<String> schemaViolations(Document d) {
        try {
            CustomResourceDefinition crd = LocalSamples.SERIALIZATION.unmarshal(
                    Files.readString(LocalSamples.root().resolve("crds/" + PLURALS.get(d.kind()) + ".nubicustos.io.yaml")),
                    CustomResourceDefinition.class);
            var version = crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage())).findFirst().orElseThrow();
            JsonSchema schema = FACTORY.getSchema(YAML.valueToTree(version.getSchema().getOpenAPIV3Schema()));
            return schema.validate(YAML.readTree(LocalSamples.SERIALIZATION.asJson(d.object()))).stream()
                    .map(ValidationMessage::getMessage).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
