package io.nubicustos.scanner.parse;

import java.io.BufferedInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.model.finding.SeverityMapping;

/**
 * ScoutSuite's results file ({@code scoutsuite_results = {...}}): a finding per flagged item of
 * every rule of every service. The object is streamed service by service.
 */
public final class ScoutSuiteParser implements ReportParser {

    private static final String PREFIX = "scoutsuite_results =";

    @Override
    public ReportFormat format() {
        return ReportFormat.SCOUTSUITE;
    }

    @Override
    public ParseSummary parse(Path file, Consumer<NormalizedFinding> sink) throws ReportException {
        long[] counts = new long[2];
        String provider = null;
        String account = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                JsonParser parser = JsonReports.MAPPER.createParser(afterPrefix(file, in))) {
            try {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new ReportException(file, "has no JSON object after '" + PREFIX + "'" + JsonReports.where(parser.currentTokenLocation()),
                            null);
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    switch (field) {
                        case "provider_code" -> provider = parser.getValueAsString();
                        case "account_id" -> account = parser.getValueAsString();
                        case "services" -> {
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                parser.nextToken();
                                JsonNode service = JsonReports.MAPPER.readTree(parser);
                                findings(service, provider, account, sink, counts);
                            }
                        }
                        default -> parser.skipChildren();
                    }
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
        return new ParseSummary(counts[0], counts[1]);
    }

    /**
     * The report after its prefix, which is read past, with the whitespace and prefix before the
     * object replaced by as many blank lines and columns: Jackson's positions stay the file's own.
     * (Marking the stream to look ahead would bound how much whitespace may come first.)
     */
    private static InputStream afterPrefix(Path file, InputStream in) throws IOException, ReportException {
        long line = 1;
        long column = 1;
        int b;
        while ((b = in.read()) != -1 && Character.isWhitespace(b)) {
            line += b == '\n' ? 1 : 0;
            column = b == '\n' ? 1 : column + 1;
        }
        byte[] rest = in.readNBytes(PREFIX.length() - 1);
        if (b != PREFIX.charAt(0) || !new String(rest, StandardCharsets.US_ASCII).equals(PREFIX.substring(1))) {
            throw new ReportException(file, "does not start with '" + PREFIX + "' at line " + line + ", column " + column, null);
        }
        return new SequenceInputStream(new Blank(line - 1, column - 1 + PREFIX.length()), in);
    }

    /** {@code lines} newlines, then {@code columns} spaces. */
    private static final class Blank extends InputStream {

        private long lines;
        private long columns;

        Blank(long lines, long columns) {
            this.lines = lines;
            this.columns = columns;
        }

        @Override
        public int read() {
            if (lines > 0) {
                lines--;
                return '\n';
            }
            if (columns > 0) {
                columns--;
                return ' ';
            }
            return -1;
        }
    }

    private static void findings(JsonNode service, String provider, String account, Consumer<NormalizedFinding> sink, long[] counts) {
        service.path("findings").fields().forEachRemaining(rule -> {
            JsonNode finding = rule.getValue();
            List<JsonNode> items = JsonReports.array(finding, "items");
            if (items.isEmpty()) {
                counts[1]++;
                return;
            }
            Map<String, List<String>> compliance = new LinkedHashMap<>();
            for (JsonNode c : JsonReports.array(finding, "compliance")) {
                compliance.computeIfAbsent(JsonReports.text(c, "name") + "-" + JsonReports.text(c, "version"), k -> new ArrayList<>())
                        .add(JsonReports.text(c, "reference"));
            }
            Severity severity = SeverityMapping.of(JsonReports.text(finding, "level"), Severity.MEDIUM);
            for (JsonNode item : items) {
                String path = item.asText();
                sink.accept(NormalizedFinding.of("scoutsuite", rule.getKey(), severity, JsonReports.text(finding, "description"),
                        JsonReports.text(finding, "rationale"), JsonReports.text(finding, "remediation"), provider, account, null, null,
                        JsonReports.text(finding, "service"), (provider == null ? "unknown" : provider) + ":" + path, compliance));
                counts[0]++;
            }
        });
    }
}
