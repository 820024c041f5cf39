package io.nubicustos.findings.export;

import java.io.OutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.findings.http.InvalidInput;

/** The export formats, their media types, and their writers. */
public enum ExportFormat {
    JSON("json", "application/json", "json"),
    NDJSON("ndjson", "application/x-ndjson", "ndjson"),
    CSV("csv", "text/csv; charset=utf-8", "csv"),
    SARIF("sarif", "application/sarif+json", "sarif"),
    OCSF("ocsf", "application/json", "ocsf.json");

    private final String id;
    private final String mediaType;
    private final String extension;

    ExportFormat(String id, String mediaType, String extension) {
        this.id = id;
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String id() {
        return id;
    }

    public String mediaType() {
        return mediaType;
    }

    public String fileName() {
        return "nubicustos-findings." + extension;
    }

    FindingWriter writer(OutputStream out, ObjectMapper json, String version) throws java.io.IOException {
        return switch (this) {
            case JSON -> new JsonFindingWriter(out, json, false);
            case NDJSON -> new JsonFindingWriter(out, json, true);
            case CSV -> new CsvFindingWriter(out);
            case SARIF -> new SarifFindingWriter(out, json, version);
            case OCSF -> new OcsfFindingWriter(out, json, version);
        };
    }

    public static ExportFormat parse(String text) {
        if (text == null || text.isEmpty()) {
            return JSON;
        }
        for (ExportFormat f : values()) {
            if (f.id.equals(text)) {
                return f;
            }
        }
        throw new InvalidInput("format must be one of json, ndjson, csv, sarif, ocsf");
    }
}
