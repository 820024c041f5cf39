package io.nubicustos.findings.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.nubicustos.findings.finding.FindingView;
import io.nubicustos.model.finding.Severity;

/**
 * RFC 4180 CSV, one finding per row. Cells that a spreadsheet would run as a formula are
 * prefixed with an apostrophe (OWASP's CSV injection guidance): finding text comes from scanned
 * resources, which an attacker may name. A formula is a cell starting with =, +, -, @, tab, CR or
 * LF, also behind leading spaces, quotes or separators a spreadsheet skips or splits on
 * ({@code " =1+1"}, {@code ";=1+1"}); cells with a semicolon are quoted, so a reader that splits
 * on semicolons starts no cell inside them.
 */
final class CsvFindingWriter implements FindingWriter {

    static final List<String> HEADER = List.of("id", "severity", "status", "title", "check_id", "control", "tools", "provider", "account",
            "region", "scope", "namespace", "resource_type", "resource", "compliance", "first_seen", "last_seen", "fixed_at", "fingerprint",
            "locations", "location_count");

    private final BufferedWriter out;

    CsvFindingWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    @Override
    public void begin() throws IOException {
        row(HEADER);
    }

    @Override
    public void write(FindingView f) throws IOException {
        row(java.util.Arrays.asList(Long.toString(f.id()), f.severity(), f.status(), f.title(), f.checkId(), f.control(),
                String.join(" ", f.tools()), f.provider(), f.account(), f.region(), f.scope(), f.namespace(), f.resourceType(), f.resource(),
                compliance(f.compliance()), text(f.firstSeen()), text(f.lastSeen()), text(f.fixedAt()), f.fingerprint(),
                locations(f.locations()), Integer.toString(f.locationCount())));
    }

    /**
     * The same row straight from the database ({@code FindingRepository.COLUMNS} order): no
     * intermediate object, compliance as its JSON text, timestamps in ISO-8601 UTC.
     */
    void write(java.sql.ResultSet r) throws IOException, java.sql.SQLException {
        java.sql.Array tools = r.getArray(4);
        cells[0] = r.getString(1);
        cells[1] = Severity.ofRank(r.getInt(13)).id();
        cells[2] = r.getString(18);
        cells[3] = r.getString(14);
        cells[4] = r.getString(11);
        cells[5] = r.getString(12);
        cells[6] = String.join(" ", (String[]) tools.getArray());
        cells[7] = r.getString(5);
        cells[8] = r.getString(6);
        cells[9] = r.getString(7);
        cells[10] = r.getString(3);
        cells[11] = r.getString(8);
        cells[12] = r.getString(9);
        cells[13] = r.getString(10);
        String compliance = r.getString(17);
        cells[14] = compliance == null || compliance.equals("{}") ? null : compliance;
        cells[15] = text(r.getTimestamp(22));
        cells[16] = text(r.getTimestamp(23));
        cells[17] = text(r.getTimestamp(24));
        cells[18] = r.getString(2);
        java.sql.Array locations = r.getArray(25);
        cells[19] = locations(locations == null ? null : java.util.Arrays.asList((String[]) locations.getArray()));
        cells[20] = Integer.toString(r.getInt(26));
        row(java.util.Arrays.asList(cells));
    }

    private final String[] cells = new String[HEADER.size()];

    private static String text(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }

    private void row(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            cell(cells.get(i));
        }
        out.write("\r\n");
    }

    private void cell(String value) throws IOException {
        if (value == null || value.isEmpty()) {
            return;
        }
        String v = value;
        if (formula(v)) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf(';') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            out.write('"');
            out.write(v.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(v);
        }
    }

    static boolean formula(String value) {
        for (int i = 0; i < value.length(); i++) {
            switch (value.charAt(i)) {
                case '=', '+', '-', '@', '\t', '\r', '\n':
                    return true;
                case ' ', '\u00a0', ';', ',', '"', '\'':
                    continue;
                default:
                    return false;
            }
        }
        return false;
    }

    /** One cell, as a JSON array: a place may hold any separator. */
    private static String locations(List<String> places) {
        if (places == null || places.isEmpty()) {
            return null;
        }
        return places.stream().map(CsvFindingWriter::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    /** As JSON, the same text the streamed rows carry. */
    private static String compliance(Map<String, List<String>> mapping) {
        if (mapping.isEmpty()) {
            return null;
        }
        return mapping.entrySet().stream().map(e -> quote(e.getKey()) + ": ["
                + e.getValue().stream().map(CsvFindingWriter::quote).collect(Collectors.joining(", ")) + "]")
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String text(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
