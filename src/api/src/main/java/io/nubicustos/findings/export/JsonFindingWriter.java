package io.nubicustos.findings.export;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.findings.finding.FindingView;

/** A JSON array of findings as the API answers them, or one per line (NDJSON). */
final class JsonFindingWriter implements FindingWriter {

    private final OutputStream out;
    private final ObjectMapper json;
    private final boolean lines;
    private final JsonGenerator generator;

    JsonFindingWriter(OutputStream out, ObjectMapper json, boolean lines) throws IOException {
        this.out = out;
        this.json = json;
        this.lines = lines;
        this.generator = JsonWriting.generator(json, out);
    }

    @Override
    public void begin() throws IOException {
        if (!lines) {
            generator.writeStartArray();
        }
    }

    @Override
    public void write(FindingView finding) throws IOException {
        json.writeValue(generator, finding);
        if (lines) {
            generator.flush();
            out.write('\n');
        }
    }

    @Override
    public void end() throws IOException {
        if (!lines) {
            generator.writeEndArray();
        }
        generator.flush();
    }
}
