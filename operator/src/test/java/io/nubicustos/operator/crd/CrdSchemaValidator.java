package io.nubicustos.operator.crd;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates objects against a CRD's structural OpenAPI v3 schema, as the API server does before
 * CEL: types, enums, patterns (in RE2, as the API server compiles them), required fields, bounds. The schema keywords of a structural CRD
 * are those of JSON Schema draft 4; the x-kubernetes-* extensions are ignored here (their CEL
 * rules are compiled and evaluated by CEL-Java in the crd.cel tests, and their Java twins are held to the
 * same verdicts by CelRuleEquivalenceTest).
 */
public final class CrdSchemaValidator {

    /** Draft 4 plus the Kubernetes extensions, declared so that they are skipped without warnings. */
    private static final JsonMetaSchema STRUCTURAL = JsonMetaSchema.builder(JsonMetaSchema.getV4())
            .keywords(Stream.of("x-kubernetes-validations", "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields",
                    "x-kubernetes-embedded-resource", "x-kubernetes-list-type", "x-kubernetes-list-map-keys",
                    "x-kubernetes-map-type").map(NonValidationKeyword::new).toList())
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(STRUCTURAL));
    /** Patterns in the API server's dialect (Go RE2), not java.util.regex. */
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .regularExpressionFactory(Re2RegularExpressions.INSTANCE).build();

    private final Map<String, JsonSchema> schemas;

    public CrdSchemaValidator() {
        this(RepositoryFiles.crds());
    }

    /** Validates against the given CRDs (by kind), e.g. third-party ones from fixtures/crds. */
    public CrdSchemaValidator(Map<String, io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition> crds) {
        this.schemas = Map.copyOf(crds.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey,
                        e -> FACTORY.getSchema(RepositoryFiles.schema(e.getValue()), CONFIG))));
    }

    public boolean knows(String kind) {
        return schemas.containsKey(kind);
    }

    /** Schema violations of {@code object}, each with its JSON path; empty when it is valid. */
    public List<String> violations(JsonNode object) {
        JsonSchema schema = schemas.get(object.path("kind").asText());
        if (schema == null) {
            throw new IllegalArgumentException("not a nubicustos.io kind: " + object.path("kind"));
        }
        Set<ValidationMessage> messages = schema.validate(object);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
