package io.nubicustos.operator.crd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The checked-in files the tests hold the build to: crds/, the chart, config/samples/. */
public final class RepositoryFiles {

    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private RepositoryFiles() {
    }

    public static Path root() {
        String root = System.getProperty("nubicustos.root");
        Path path = root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isDirectory(path.resolve("crds"))) {
            throw new IllegalStateException("cannot find the repository root (crds/) from " + path);
        }
        return path;
    }

    public static Map<String, CustomResourceDefinition> crds() {
        return Map.of(
                "ScanJob", crd("scanjobs"),
                "CloudCredential", crd("cloudcredentials"),
                "NetworkSegment", crd("networksegments"));
    }

    public static CustomResourceDefinition crd(String plural) {
        return crdFile("crds/" + plural + ".nubicustos.io.yaml");
    }

    /** Every CRD file a cluster may get, crds/ and the chart's copy, by path from the repository root. */
    public static Map<String, CustomResourceDefinition> crdFiles() {
        Map<String, CustomResourceDefinition> files = new TreeMap<>();
        for (String folder : List.of("crds", "helm/nubicustos/crds")) {
            try (Stream<Path> paths = Files.list(root().resolve(folder))) {
                paths.filter(f -> f.toString().endsWith(".yaml")).map(f -> root().relativize(f).toString())
                        .forEach(file -> files.put(file, crdFile(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static CustomResourceDefinition crdFile(String file) {
        try {
            return SERIALIZATION.unmarshal(Files.readString(root().resolve(file)), CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The openAPIV3Schema of a CRD's storage version, as JSON. */
    public static JsonNode schema(CustomResourceDefinition crd) {
        var version = crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage())).findFirst()
                .orElse(crd.getSpec().getVersions().get(0));
        return YAML.valueToTree(version.getSchema().getOpenAPIV3Schema());
    }

    /** A third-party CRD from fixtures/crds (cert-manager, prometheus-operator, ArgoCD). */
    public static CustomResourceDefinition fixtureCrd(String file) {
        try {
            return SERIALIZATION.unmarshal(Files.readString(root().resolve("fixtures/crds/" + file)), CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML document of the .yaml files under a folder of the repository, with the file it came from. */
    public static List<Document> documents(String folder) {
        return documents(folder, List.of(".yaml"));
    }

    /** Like {@link #documents(String)}, .yml files included (config/samples/local has them). */
    public static List<Document> documentsWithYml(String folder) {
        return documents(folder, List.of(".yaml", ".yml"));
    }

    private static List<Document> documents(String folder, List<String> endings) {
        List<Document> documents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root().resolve(folder))) {
            for (Path file : files.filter(f -> endings.stream().anyMatch(f.toString()::endsWith)).sorted().toList()) {
                try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
                    YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                        if (node != null && !node.isNull() && !node.isMissingNode()) {
                            documents.add(new Document(root().relativize(file).toString(), node));
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    public record Document(String file, JsonNode content) {

        public String kind() {
            return content.path("kind").asText();
        }

        @Override
        public String toString() {
            return file + " (" + kind() + " " + content.path("metadata").path("name").asText() + ")";
        }
    }
}
