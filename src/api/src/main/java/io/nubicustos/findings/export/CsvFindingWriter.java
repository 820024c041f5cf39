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

/**
 * RFC 4180 CSV, one finding per row. Cells that a spreadsheet would run as a formula (starting
 * with =, +, -, @, tab or CR) are prefixed with an apostrophe: finding text comes from scanned
 * resources, which an attacker may name.
 */
final class CsvFindingWriter implements FindingWriter {

    static final List<String> HEADER = List.of("id", "severity", "status", "title", "check_id", "control", "tools", "provider", "account",
            "region", "scope", "namespace", "resource_type", "resource", "compliance", "first_seen", "last_seen", "fixed_at", "fingerprint");

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
                compliance(f.compliance()), text(f.firstSeen()), text(f.lastSeen()), text(f.fixedAt()), f.fingerprint()));
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
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            out.write('"');
            out.write(v.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(v);
        }
    }

    private static String compliance(Map<String, List<String>> mapping) {
        return mapping.entrySet().stream().map(e -> e.getKey() + ":" + String.join("|", e.getValue())).collect(Collectors.joining(" "));
    }

    private static String text(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
