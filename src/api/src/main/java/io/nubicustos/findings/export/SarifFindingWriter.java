package io.nubicustos.findings.export;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.findings.finding.FindingView;

/**
 * SARIF 2.1.0: one run of the tool "Nubicustos", one result per finding. A finding's resource is
 * a logical location (an ARN is not a file), or a physical one for IaC findings ({@code path:line});
 * the fingerprint goes to {@code partialFingerprints} so code-scanning services track results across uploads.
 */
final class SarifFindingWriter implements FindingWriter {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private final JsonGenerator g;
    private final String version;

    SarifFindingWriter(OutputStream out, ObjectMapper json, String version) throws IOException {
        this.g = JsonWriting.generator(json, out);
        this.version = version;
    }

    @Override
    public void begin() throws IOException {
        g.writeStartObject();
        g.writeStringField("$schema", SCHEMA);
        g.writeStringField("version", "2.1.0");
        g.writeArrayFieldStart("runs");
        g.writeStartObject();
        g.writeObjectFieldStart("tool");
        g.writeObjectFieldStart("driver");
        g.writeStringField("name", "Nubicustos");
        g.writeStringField("informationUri", "https://github.com/nubicustos/nubicustos-operator");
        g.writeStringField("semanticVersion", version.replace("-SNAPSHOT", ""));
        g.writeEndObject();
        g.writeEndObject();
        g.writeArrayFieldStart("results");
    }

    @Override
    public void write(FindingView f) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.checkId());
        g.writeStringField("level", level(f.severity()));
        g.writeStringField("kind", "resolved".equals(f.status()) ? "pass" : "fail");
        g.writeObjectFieldStart("message");
        g.writeStringField("text", f.title());
        g.writeEndObject();
        g.writeArrayFieldStart("locations");
        g.writeStartObject();
        String[] file = fileLocation(f.resourceType(), f.resource());
        if (file != null) {
            g.writeObjectFieldStart("physicalLocation");
            g.writeObjectFieldStart("artifactLocation");
            g.writeStringField("uri", file[0]);
            g.writeEndObject();
            if (file[1] != null) {
                g.writeObjectFieldStart("region");
                g.writeNumberField("startLine", Integer.parseInt(file[1]));
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeArrayFieldStart("logicalLocations");
        g.writeStartObject();
        g.writeStringField("fullyQualifiedName", f.resource());
        g.writeStringField("kind", "resource");
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeObjectFieldStart("partialFingerprints");
        g.writeStringField("nubicustos/v1", f.fingerprint());
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        g.writeStringField("severity", f.severity());
        g.writeStringField("security-severity", securitySeverity(f.severity()));
        g.writeStringField("status", f.status());
        g.writeStringField("control", f.control());
        g.writeStringField("provider", f.provider());
        if (f.account() != null) {
            g.writeStringField("account", f.account());
        }
        if (f.region() != null) {
            g.writeStringField("region", f.region());
        }
        g.writeStringField("scope", f.scope());
        JsonWriting.strings(g, "tools", f.tools());
        JsonWriting.compliance(g, f.compliance());
        if (f.locations() != null && f.locationCount() > 0) {
            // Places are not always files (a user, a region), so they go beside the location, not into it.
            JsonWriting.strings(g, "locations", f.locations());
            g.writeNumberField("locationCount", f.locationCount());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    @Override
    public void end() throws IOException {
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
    }

    static String level(String severity) {
        return switch (severity) {
            case "critical", "high" -> "error";
            case "medium" -> "warning";
            default -> "note";
        };
    }

    /** GitHub code scanning's numeric scale: 9.0+ critical, 7.0+ high, 4.0+ medium, else low. */
    static String securitySeverity(String severity) {
        return switch (severity) {
            case "critical" -> "9.5";
            case "high" -> "8.0";
            case "medium" -> "5.5";
            case "low" -> "2.0";
            default -> "0.0";
        };
    }

    private static final java.util.regex.Pattern FILE_LINE = java.util.regex.Pattern.compile("([^:#]+?)(?::([0-9]{1,9}))?(#.*)?");
    private static final java.util.regex.Pattern CHECKOV = java.util.regex.Pattern.compile("[^:#]+:[0-9]{1,9}#.+");

    /**
     * The file and line of a finding in a file: SARIF inputs ({@code path:line}, type "file") and
     * IaC checks ({@code path:line#resource}); null for cloud and cluster resources.
     */
    static String[] fileLocation(String resourceType, String resource) {
        if (resource == null || !("file".equals(resourceType) || CHECKOV.matcher(resource).matches())) {
            return null;
        }
        java.util.regex.Matcher m = FILE_LINE.matcher(resource);
        return m.matches() ? new String[] { m.group(1), m.group(2) } : null;
    }
}
