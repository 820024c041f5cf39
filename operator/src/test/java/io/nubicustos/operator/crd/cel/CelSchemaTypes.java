package io.nubicustos.operator.crd.cel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;

/**
 * CEL types of a structural OpenAPI schema, mapped as the API server maps them for
 * x-kubernetes-validations: an object with properties is a struct (a {@link StructType} whose
 * fields carry the escaped property names), an object with additionalProperties a
 * map(string, V), an array a list, int-or-string dyn; string, integer, number and boolean are
 * string, int, double and bool (strings with format byte, date, date-time and duration are
 * bytes, timestamp and duration). An object with x-kubernetes-preserve-unknown-fields and no
 * properties is an empty struct, not dyn: the API server refuses rules that select its unknown
 * fields, so typing it dyn here would accept rules a real cluster refuses.
 */
final class CelSchemaTypes implements CelTypeProvider {

    private final Map<String, CelType> structs = new LinkedHashMap<>();

    /** The CEL type of values of {@code schema}; {@code name} names its struct types (a CRD kind and a path). */
    CelType typeOf(String name, JsonNode schema) {
        return find(name, schema).orElseThrow(() -> new IllegalArgumentException(name + " has no CEL type: " + schema));
    }

    private Optional<CelType> find(String name, JsonNode schema) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return Optional.of(SimpleType.DYN);
        }
        if (schema.path("x-kubernetes-embedded-resource").asBoolean(false)) {
            schema = asResourceRoot(schema);
        }
        return switch (schema.path("type").asText()) {
            case "string" -> Optional.of(switch (schema.path("format").asText()) {
                case "byte" -> SimpleType.BYTES;
                case "date", "date-time" -> SimpleType.TIMESTAMP;
                case "duration" -> SimpleType.DURATION;
                default -> SimpleType.STRING;
            });
            case "integer" -> Optional.of(SimpleType.INT);
            case "number" -> Optional.of(SimpleType.DOUBLE);
            case "boolean" -> Optional.of(SimpleType.BOOL);
            case "array" -> find(name + "[]", schema.path("items")).map(ListType::create);
            case "object" -> Optional.of(objectType(name, schema));
            // The API server leaves fields without a type (only x-kubernetes-preserve-unknown-fields) out of CEL.
            default -> Optional.empty();
        };
    }

    private CelType objectType(String name, JsonNode schema) {
        JsonNode values = schema.get("additionalProperties");
        if (values != null && values.isObject()) {
            return MapType.create(SimpleType.STRING, find(name + "{}", values).orElse(SimpleType.DYN));
        }
        Map<String, CelType> fields = new LinkedHashMap<>();
        schema.path("properties").fields().forEachRemaining(p -> CelPropertyNames.escape(p.getKey()).ifPresent(
                field -> find(name + "." + p.getKey(), p.getValue()).ifPresent(type -> fields.put(field, type))));
        StructType struct = StructType.create(name, ImmutableSet.copyOf(fields.keySet()), f -> Optional.ofNullable(fields.get(f)));
        structs.put(name, struct);
        return struct;
    }

    @Override
    public ImmutableCollection<CelType> types() {
        return ImmutableList.copyOf(structs.values());
    }

    @Override
    public Optional<CelType> findType(String typeName) {
        return Optional.ofNullable(structs.get(typeName));
    }

    /**
     * The schema of a resource's root as its rules see it: apiVersion, kind, and of metadata only
     * name and generateName, whatever the CRD declares (a rule on {@code self.metadata.labels}
     * or {@code self.metadata.namespace} is refused by the API server as an undefined field).
     */
    static JsonNode asResourceRoot(JsonNode schema) {
        ObjectNode root = schema.deepCopy();
        ObjectNode properties = root.has("properties") ? (ObjectNode) root.get("properties") : root.putObject("properties");
        properties.set("apiVersion", string());
        properties.set("kind", string());
        ObjectNode metadata = JsonNodeFactory.instance.objectNode().put("type", "object");
        metadata.putObject("properties").<ObjectNode>set("name", string()).set("generateName", string());
        properties.set("metadata", metadata);
        return root;
    }

    private static ObjectNode string() {
        return JsonNodeFactory.instance.objectNode().put("type", "string");
    }
}
