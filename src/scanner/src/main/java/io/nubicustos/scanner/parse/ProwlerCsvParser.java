package io.nubicustos.scanner.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.finding.SeverityMapping;

/**
 * Prowler CSV, streamed row by row: the v4/v5 layout ({@code ;}-separated, CHECK_ID, STATUS, ...)
 * or the v2 layout ({@code ,}-separated, TITLE_ID, CHECK_RESULT, ...), told apart by the header.
 */
public final class ProwlerCsvParser implements ReportParser {

    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    @Override
    public ReportFormat format() {
        return ReportFormat.PROWLER_CSV;
    }

    @Override
    public ParseSummary parse(Path file, Consumer<NormalizedFinding> sink) throws ReportException {
        long[] counts = new long[3];
        try (BufferedReader reader = new BufferedReader(new Utf8Reader(Files.newInputStream(file)))) {
            reader.mark(8192);
            String header = reader.readLine();
            reader.reset();
            if (header == null) {
                throw new ReportException(file, "is empty", null);
            }
            boolean v5 = header.contains(";");
            CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(v5 ? ';' : ',');
            try (MappingIterator<Map<String, String>> rows = CSV.readerFor(Map.class).with(schema).readValues(reader)) {
                while (rows.hasNextValue()) {
                    Map<String, String> row = rows.nextValue();
                    String status = v5 ? row.get("STATUS") : row.get("CHECK_RESULT");
                    if (!"FAIL".equalsIgnoreCase(status)) {
                        counts[1]++;
                        continue;
                    }
                    String check = v5 ? row.get("CHECK_ID") : ProwlerV2.checkId(row.get("TITLE_TEXT"));
                    if (check == null || check.isBlank() || (v5 && (row.get("RESOURCE_UID") == null || row.get("RESOURCE_UID").isBlank()))) {
                        counts[2]++;
                        continue;
                    }
                    sink.accept(v5 ? v5(row) : ProwlerV2.finding(check, row.get("TITLE_ID"),
                            SeverityMapping.of(row.get("CHECK_SEVERITY"), Severity.INFO), row.get("TITLE_TEXT"), row.get("CHECK_RISK"),
                            row.get("CHECK_REMEDIATION"), row.get("ACCOUNT_NUM"), row.get("REGION"), null, row.get("CHECK_SERVICENAME"))
                            // v2 names the user or key only here: rows of one check on one account differ by it alone.
                            .at(row.get("CHECK_RESULT_EXTENDED")));
                    counts[0]++;
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw JsonReports.unreadable(file, "CSV", e);
        } catch (Utf8Reader.NotUtf8Exception e) {
            throw new ReportException(file, "is not valid CSV" + e.where() + ": a byte sequence that is not UTF-8; expected UTF-8 text", null);
        } catch (IOException e) {
            throw new ReportException(file, "cannot be read: " + e.getClass().getSimpleName(), e);
        }
        return ParseSummary.of(counts);
    }

    private static NormalizedFinding v5(Map<String, String> row) {
        return NormalizedFinding.of("prowler", row.get("CHECK_ID"), SeverityMapping.of(row.get("SEVERITY"), Severity.INFO),
                row.get("CHECK_TITLE"), row.get("RISK"), row.get("REMEDIATION_RECOMMENDATION_TEXT"), row.get("PROVIDER"),
                row.get("ACCOUNT_UID"), row.get("REGION"), null, row.get("RESOURCE_TYPE"), row.get("RESOURCE_UID"),
                compliance(row.get("COMPLIANCE"))).at(Places.regional(row.get("REGION"), row.get("STATUS_EXTENDED")));
    }

    /** "CIS-1.4: 1.20 | CIS-2.0: 1.20, 1.21" -> {CIS-1.4: [1.20], CIS-2.0: [1.20, 1.21]}. */
    static Map<String, List<String>> compliance(String text) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return map;
        }
        for (String part : text.split("\\|")) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                continue;
            }
            List<String> ids = new ArrayList<>();
            for (String id : part.substring(colon + 1).split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.strip());
                }
            }
            map.put(part.substring(0, colon).strip(), ids);
        }
        return map;
    }
}
