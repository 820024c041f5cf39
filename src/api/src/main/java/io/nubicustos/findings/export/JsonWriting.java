package io.nubicustos.findings.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the JSON-shaped export writers share: a generator that leaves the response open, and list and mapping fields. */
final class JsonWriting {

    private JsonWriting() {
    }

    /** The stream belongs to the HTTP response; closing it is the container's job. */
    static JsonGenerator generator(ObjectMapper json, OutputStream out) throws IOException {
        JsonGenerator g = json.getFactory().createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return g;
    }

    static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    /** A compliance mapping: framework to requirement ids. */
    static void compliance(JsonGenerator g, Map<String, List<String>> mapping) throws IOException {
        g.writeObjectFieldStart("compliance");
        for (Map.Entry<String, List<String>> e : mapping.entrySet()) {
            strings(g, e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
