package io.nubicustos.operator.crd.cel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An object as the API server hands it to a rule: defaulted first (an absent property with a
 * schema default has that default, as after the API server's defaulting), unknown fields
 * pruned, property names escaped ({@link CelPropertyNames}), integers as int (Long) and
 * numbers as double.
 */
public final class CelValues {

    private CelValues() {
    }

    public static Object of(JsonNode value, JsonNode schema) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return value.isIntegralNumber() ? (Object) value.asLong() : value.asText();
        }
        if (schema.path("x-kubernetes-embedded-resource").asBoolean(false)) {
            schema = CelSchemaTypes.asResourceRoot(schema);
        }
        String type = schema.path("type").asText();
        return switch (type) {
            case "string" -> string(value, schema);
            case "integer" -> expect(value, value.isIntegralNumber(), type).asLong();
            case "number" -> expect(value, value.isNumber(), type).asDouble();
            case "boolean" -> expect(value, value.isBoolean(), type).asBoolean();
            case "array" -> list(expect(value, value.isArray(), type), schema.path("items"));
            case "object" -> object(expect(value, value.isObject(), type), schema);
            default -> throw new IllegalArgumentException("no CEL value for schema " + schema);
        };
    }

    private static String string(JsonNode value, JsonNode schema) {
        if (schema.has("format") && List.of("byte", "date", "date-time", "duration").contains(schema.get("format").asText())) {
            // Their CEL types are bytes, timestamp and duration; no rule reads such a field yet.
            throw new UnsupportedOperationException("values of format " + schema.get("format") + " are not converted yet");
        }
        return expect(value, value.isTextual(), "string").asText();
    }

    private static List<Object> list(JsonNode value, JsonNode items) {
        List<Object> list = new ArrayList<>();
        value.forEach(item -> list.add(of(item, items)));
        return list;
    }

    private static Map<String, Object> object(JsonNode value, JsonNode schema) {
        Map<String, Object> map = new LinkedHashMap<>();
        JsonNode values = schema.get("additionalProperties");
        if (values != null && values.isObject()) {
            value.fields().forEachRemaining(e -> map.put(e.getKey(), of(e.getValue(), values)));
            return map;
        }
        schema.path("properties").fields().forEachRemaining(p -> CelPropertyNames.escape(p.getKey()).ifPresent(field -> {
            JsonNode present = value.get(p.getKey());
            JsonNode v = present != null && !present.isNull() ? present : p.getValue().get("default");
            if (v != null && hasCelType(p.getValue())) {
                map.put(field, of(v, p.getValue()));
            }
        }));
        return map;
    }

    /** Fields without a type (only x-kubernetes-preserve-unknown-fields) are not part of the CEL object. */
    private static boolean hasCelType(JsonNode schema) {
        return schema.path("x-kubernetes-int-or-string").asBoolean(false) || !schema.path("type").asText().isEmpty();
    }

    private static JsonNode expect(JsonNode value, boolean matches, String type) {
        if (!matches) {
            throw new IllegalArgumentException("expected " + type + ", found " + value);
        }
        return value;
    }
}
