package io.nubicustos.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.PatternSyntaxException;

/**
 * The API server compiles every CRD {@code pattern} as Go RE2 and refuses the whole CRD when one
 * does not compile (repeat counts above 1000, lookaround, backreferences); java.util.regex and
 * the mock server accept them. Helm validates values.schema.json with Go's regexp too. RE2/J
 * is RE2's dialect in Java: each pattern must compile there, or the test names the field.
 */
class CrdPatternsAreRe2Test {

    /** The files whose patterns a real cluster or Helm compiles: crds/, the chart's CRDs and values schema. */
    static Stream<String> files() {
        return Stream.of("crds", "helm/nubicustos/crds").flatMap(CrdPatternsAreRe2Test::yamlFiles)
                .map(p -> RepositoryFiles.root().relativize(p).toString())
                .sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyPatternOfTheCrdCompilesAsRe2(String file) {
        Map<String, String> patterns = patterns(read(file));
        assertThat(patterns).as("patterns in " + file).isNotEmpty();
        assertThat(unRe2(patterns)).as("patterns of " + file + " that the API server would refuse").isEmpty();
    }

    @Test
    void everyPatternOfTheChartsValuesSchemaCompilesAsRe2() {
        Map<String, String> patterns = patterns(read("helm/nubicustos/values.schema.json"));
        assertThat(unRe2(patterns)).as("values.schema.json patterns that Helm would refuse").isEmpty();
    }

    @Test
    void theCheckRefusesWhatTheApiServerRefusedAndAcceptsRealThirdPartyCrds() {
        // The pattern a v1.32 API server refused (issue 15), and two more RE2 refuses.
        assertThat(unRe2(Map.of(
                "spec.aws.externalId", "^[A-Za-z0-9+=,.@:/-]{2,1224}$",
                "lookahead", "^(?=a)b$",
                "backreference", "^(a)\\1$")))
                .containsOnlyKeys("spec.aws.externalId", "lookahead", "backreference")
                .hasEntrySatisfying("spec.aws.externalId", m -> assertThat(m).contains("invalid repeat count"));
        // A refusal names the field as the API server's error does.
        assertThat(patterns(read("crds/cloudcredentials.nubicustos.io.yaml"))).containsKey("v1alpha1:spec.aws.externalId");
        // CRDs that real clusters accept (cert-manager, prometheus-operator, ArgoCD) pass unchanged.
        try (Stream<Path> crds = Files.list(RepositoryFiles.root().resolve("fixtures/crds"))) {
            crds.forEach(f -> assertThat(unRe2(patterns(read(RepositoryFiles.root().relativize(f).toString()))))
                    .as(f.getFileName().toString()).isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Field path to RE2's error, for every pattern RE2 cannot compile. */
    private static Map<String, String> unRe2(Map<String, String> patterns) {
        Map<String, String> refused = new java.util.TreeMap<>();
        patterns.forEach((field, regex) -> {
            try {
                com.google.re2j.Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                refused.put(field, e.getMessage());
            }
        });
        return refused;
    }

    /** Every {@code pattern} keyword in a CRD's schemas or a JSON schema, by the path of the field it constrains. */
    static Map<String, String> patterns(JsonNode document) {
        Map<String, String> found = new java.util.LinkedHashMap<>();
        if ("CustomResourceDefinition".equals(document.path("kind").asText())) {
            document.path("spec").path("versions")
                    .forEach(v -> collect(v.path("schema").path("openAPIV3Schema"), v.path("name").asText() + ":", found));
        } else {
            collect(document, "", found);
        }
        return found;
    }

    private static void collect(JsonNode node, String path, Map<String, String> found) {
        if (node.isObject()) {
            JsonNode pattern = node.get("pattern");
            if (pattern != null && pattern.isTextual()) {
                found.put(path.isEmpty() ? "(root)" : path, pattern.asText());
            }
            node.fields().forEachRemaining(e -> {
                String step = switch (e.getKey()) {
                    case "properties" -> path;
                    case "items" -> path + "[]";
                    default -> path.isEmpty() || path.endsWith(":") ? path + e.getKey() : path + "." + e.getKey();
                };
                collect(e.getValue(), step, found);
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, path, found));
        }
    }

    private static JsonNode read(String file) {
        try {
            return RepositoryFiles.YAML.readTree(Files.readString(RepositoryFiles.root().resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> yamlFiles(String folder) {
        try (Stream<Path> files = Files.list(RepositoryFiles.root().resolve(folder))) {
            List<Path> list = new ArrayList<>(files.filter(f -> f.toString().endsWith(".yaml")).toList());
            return list.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
