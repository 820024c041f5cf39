package io.nubicustos.scanner.parse;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.finding.SeverityMapping;

/** Prowler v2 JSON: one result object per line; FAIL becomes a finding, Pass and Info do not. */
public final class ProwlerV2JsonParser implements ReportParser {

    @Override
    public ReportFormat format() {
        return ReportFormat.PROWLER_V2_JSON;
    }

    @Override
    public ParseSummary parse(Path file, Consumer<NormalizedFinding> sink) throws ReportException {
        long[] counts = new long[3];
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JsonReports.MAPPER.createParser(in);
                MappingIterator<JsonNode> results = JsonReports.MAPPER.readValues(parser, JsonNode.class)) {
            try {
                while (results.hasNextValue()) {
                    JsonNode node = results.nextValue();
                    if (!"FAIL".equalsIgnoreCase(JsonReports.text(node, "Status"))) {
                        counts[1]++;
                        continue;
                    }
                    String check = ProwlerV2.checkId(JsonReports.text(node, "Control"));
                    if (check == null || check.isBlank()) {
                        counts[2]++;
                        continue;
                    }
                    sink.accept(ProwlerV2.finding(check, JsonReports.text(node, "Control ID"),
                            SeverityMapping.of(JsonReports.text(node, "Severity"), Severity.INFO), JsonReports.text(node, "Control"),
                            JsonReports.text(node, "Risk"), JsonReports.text(node, "Remediation"), JsonReports.text(node, "Account Number"),
                            JsonReports.text(node, "Region"), JsonReports.text(node, "Resource ID"), JsonReports.text(node, "Service"))
                            .at(Places.regional(JsonReports.text(node, "Region"), JsonReports.text(node, "Message"))));
                    counts[0]++;
                }
            } catch (CharConversionException | CharacterCodingException e) {
                throw JsonReports.notText(file, parser);
            }
        } catch (JsonProcessingException e) {
            throw JsonReports.unreadable(file, "JSON", e);
        } catch (CharConversionException e) {
            throw JsonReports.noEncoding(file);
        } catch (IOException e) {
            throw new ReportException(file, "cannot be read: " + e.getClass().getSimpleName(), e);
        }
        return ParseSummary.of(counts);
    }
}

/** What Prowler v2's JSON and CSV layouts share. */
final class ProwlerV2 {

    private ProwlerV2() {
    }

    /** "[check11] Avoid the use of the root account" -> check11. */
    static String checkId(String control) {
        if (control != null && control.startsWith("[") && control.indexOf(']') > 1) {
            return control.substring(1, control.indexOf(']'));
        }
        return control;
    }

    static NormalizedFinding finding(String check, String cisId, Severity severity, String title, String risk, String remediation,
            String account, String region, String resourceId, String service) {
        String resource = resourceId != null && !resourceId.isBlank() ? resourceId
                : "aws-account/" + JsonReports.firstNonBlank(account, "unknown") + "/" + (region == null ? "" : region) + "/"
                        + JsonReports.firstNonBlank(service, "unknown");
        return NormalizedFinding.of("prowler", check, severity, title, risk, remediation, "aws", account, region, null, service, resource,
                cisId == null || cisId.isBlank() ? Map.of() : Map.of("CIS-AWS", List.of(cisId)));
    }
}
