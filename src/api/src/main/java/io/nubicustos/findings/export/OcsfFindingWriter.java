package io.nubicustos.findings.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.findings.finding.FindingView;

/**
 * OCSF 1.4 Detection Findings (class 2004), in the layout Prowler writes, so tools that read
 * Prowler's {@code json-ocsf} read this export too: an array of findings with severity_id,
 * status_id, finding_info, resources, cloud and the compliance mapping under {@code unmapped}.
 */
final class OcsfFindingWriter implements FindingWriter {

    static final String OCSF_VERSION = "1.4.0";

    private final JsonGenerator g;
    private final String version;

    OcsfFindingWriter(OutputStream out, ObjectMapper json, String version) throws IOException {
        this.g = JsonWriting.generator(json, out);
        this.version = version;
    }

    @Override
    public void begin() throws IOException {
        g.writeStartArray();
    }

    @Override
    public void write(FindingView f) throws IOException {
        long time = (f.lastSeen() == null ? Instant.EPOCH : f.lastSeen()).getEpochSecond();
        g.writeStartObject();
        g.writeStringField("message", f.title());
        g.writeObjectFieldStart("metadata");
        g.writeStringField("event_code", f.checkId());
        g.writeObjectFieldStart("product");
        g.writeStringField("name", "Nubicustos");
        g.writeStringField("uid", "nubicustos");
        g.writeStringField("vendor_name", "Nubicustos");
        g.writeStringField("version", version);
        g.writeEndObject();
        JsonWriting.strings(g, "profiles", List.of("cloud", "datetime"));
        g.writeStringField("version", OCSF_VERSION);
        g.writeEndObject();
        g.writeNumberField("severity_id", severityId(f.severity()));
        g.writeStringField("severity", severityName(f.severity()));
        g.writeStringField("status", statusName(f.status()));
        g.writeStringField("status_code", "resolved".equals(f.status()) ? "PASS" : "FAIL");
        g.writeNumberField("status_id", statusId(f.status()));
        g.writeObjectFieldStart("unmapped");
        JsonWriting.compliance(g, f.compliance());
        g.writeStringField("control", f.control());
        JsonWriting.strings(g, "tools", f.tools());
        g.writeStringField("scope", f.scope());
        if (f.locations() != null && f.locationCount() > 0) {
            JsonWriting.strings(g, "locations", f.locations());
            g.writeNumberField("location_count", f.locationCount());
        }
        g.writeEndObject();
        g.writeStringField("activity_name", "Create");
        g.writeNumberField("activity_id", 1);
        g.writeObjectFieldStart("finding_info");
        g.writeNumberField("created_time", f.firstSeen() == null ? time : f.firstSeen().getEpochSecond());
        g.writeStringField("desc", f.description());
        g.writeStringField("product_uid", "nubicustos");
        g.writeStringField("title", f.title());
        g.writeStringField("uid", f.fingerprint());
        g.writeEndObject();
        g.writeArrayFieldStart("resources");
        g.writeStartObject();
        g.writeStringField("region", f.region());
        g.writeStringField("namespace", f.namespace());
        g.writeStringField("name", f.resource());
        g.writeStringField("type", f.resourceType() == null ? "Other" : f.resourceType());
        g.writeStringField("uid", f.resource());
        g.writeEndObject();
        g.writeEndArray();
        g.writeStringField("category_name", "Findings");
        g.writeNumberField("category_uid", 2);
        g.writeStringField("class_name", "Detection Finding");
        g.writeNumberField("class_uid", 2004);
        g.writeObjectFieldStart("cloud");
        g.writeObjectFieldStart("account");
        g.writeStringField("uid", f.account());
        g.writeEndObject();
        g.writeStringField("provider", f.provider());
        g.writeStringField("region", f.region());
        g.writeEndObject();
        g.writeObjectFieldStart("remediation");
        g.writeStringField("desc", f.remediation());
        g.writeEndObject();
        g.writeStringField("risk_details", f.description());
        g.writeNumberField("time", time);
        g.writeNumberField("type_uid", 200401);
        g.writeStringField("type_name", "Detection Finding: Create");
        g.writeEndObject();
    }

    @Override
    public void end() throws IOException {
        g.writeEndArray();
        g.flush();
    }

    /** OCSF severity_id: 1 Informational … 5 Critical. */
    static int severityId(String severity) {
        return switch (severity) {
            case "critical" -> 5;
            case "high" -> 4;
            case "medium" -> 3;
            case "low" -> 2;
            default -> 1;
        };
    }

    static String severityName(String severity) {
        return switch (severity) {
            case "critical" -> "Critical";
            case "high" -> "High";
            case "medium" -> "Medium";
            case "low" -> "Low";
            default -> "Informational";
        };
    }

    /** OCSF status_id: 1 New, 2 In Progress, 3 Suppressed, 4 Resolved. */
    static int statusId(String status) {
        return switch (status) {
            case "acknowledged" -> 2;
            case "false_positive", "risk_accepted" -> 3;
            case "resolved" -> 4;
            default -> 1;
        };
    }

    static String statusName(String status) {
        return switch (statusId(status)) {
            case 2 -> "In Progress";
            case 3 -> "Suppressed";
            case 4 -> "Resolved";
            default -> "New";
        };
    }
}
