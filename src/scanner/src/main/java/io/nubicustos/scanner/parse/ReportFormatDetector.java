package io.nubicustos.scanner.parse;

import java.io.BufferedInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Tells which tool wrote a report from the top-level keys of its first object, read by streaming:
 * a report of any size is identified without loading it into memory.
 */
public final class ReportFormatDetector {

    private static final String SCOUTSUITE_PREFIX = "scoutsuite_results =";
    private static final String WRAPPER = "Findings";
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).maxStringLength(16 * 1024 * 1024).build())
            .build();

    private ReportFormatDetector() {
    }

    public static ReportFormat detect(Path file) throws ReportException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            in.mark(64);
            byte[] head = in.readNBytes(64);
            in.reset();
            String start = new String(head, StandardCharsets.UTF_8).stripLeading();
            if (start.isEmpty() && isBlank(file)) {
                throw new ReportException(file, "is empty (no bytes, or only whitespace): the tool wrote no report", null);
            }
            if (start.startsWith(SCOUTSUITE_PREFIX)) {
                return ReportFormat.SCOUTSUITE;
            }
            String firstLine = firstLine(in);
            if (!firstLine.startsWith("{") && !firstLine.startsWith("[")
                    && (firstLine.contains("CHECK_ID") || firstLine.contains("TITLE_ID")) && firstLine.contains("ACCOUNT_")) {
                return ReportFormat.PROWLER_CSV;
            }
            return fromKeys(file, in);
        } catch (NoSuchFileException e) {
            throw new ReportException(file, "does not exist: the tool wrote no report", e);
        } catch (JsonProcessingException e) {
            throw JsonReports.unreadable(file, "JSON", e);
        } catch (CharConversionException e) {
            throw JsonReports.noEncoding(file);
        } catch (IOException e) {
            throw new ReportException(file, "cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }

    private static ReportFormat fromKeys(Path file, InputStream in) throws IOException, ReportException {
        try (JsonParser parser = JSON.createParser(in)) {
            try {
                JsonToken root = parser.nextToken();
                boolean array = root == JsonToken.START_ARRAY;
                if (array) {
                    JsonToken first = parser.nextToken();
                    if (first == JsonToken.END_ARRAY) {
                        throw new ReportException(file, "is an empty JSON array" + JsonReports.where(parser.currentTokenLocation())
                                + ": no tool's report says nothing at all", null);
                    }
                    if (first != JsonToken.START_OBJECT) {
                        throw new ReportException(file, "is a JSON array of " + first + JsonReports.where(parser.currentTokenLocation())
                                + ", not of report objects", null);
                    }
                } else if (root != JsonToken.START_OBJECT) {
                    throw new ReportException(file, "is not a JSON object or array" + JsonReports.where(parser.currentTokenLocation()), null);
                }
                // The object whose keys tell the format: where it starts, for a refusal to name.
                JsonLocation object = parser.currentTokenLocation();
                Set<String> keys = new HashSet<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    keys.add(field);
                    if (parser.nextToken() == JsonToken.START_ARRAY && !array && field.equals(WRAPPER)) {
                        firstElementKeys(parser, keys);
                    } else {
                        parser.skipChildren();
                    }
                }
                ReportFormat format = classify(keys, array);
                if (format == null) {
                    throw new ReportException(file, "is not a report format the scanner reads (see `scanner formats`): no tool writes the keys"
                            + " of the object" + JsonReports.where(object), null);
                }
                return format;
            } catch (CharConversionException | CharacterCodingException e) {
                throw JsonReports.notText(file, parser);
            }
        }
    }

    /** Whether the whole file is whitespace: more than the head may come before a report. */
    private static boolean isBlank(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            for (int b = in.read(); b != -1; b = in.read()) {
                if (!Character.isWhitespace(b)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The keys of the first object of the array the parser is at, as {@code Findings/<key>}: ASFF
     * comes wrapped in {@code {"Findings": [...]}} from Security Hub's API (GetFindings). The
     * rest of the array is skipped.
     */
    private static void firstElementKeys(JsonParser parser, Set<String> keys) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                keys.add(WRAPPER + "/" + parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
            token = parser.nextToken();
        }
        while (token != null && token != JsonToken.END_ARRAY) {
            parser.skipChildren();
            token = parser.nextToken();
        }
    }

    /** The first line of the stream (at most 4 KiB), leaving the stream where it was. */
    private static String firstLine(InputStream in) throws IOException {
        in.mark(4096);
        byte[] head = in.readNBytes(4096);
        in.reset();
        String text = new String(head, StandardCharsets.UTF_8).stripLeading();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    static ReportFormat classify(Set<String> keys, boolean array) {
        if (keys.contains("finding_info") && keys.contains("metadata")) {
            return ReportFormat.PROWLER_OCSF;
        }
        if ((keys.contains("SchemaVersion") && keys.contains("ProductArn"))
                || (keys.contains(WRAPPER + "/SchemaVersion") && keys.contains(WRAPPER + "/ProductArn"))) {
            return ReportFormat.ASFF;
        }
        if (keys.contains("FindingUniqueId") && keys.contains("CheckID")) {
            return ReportFormat.PROWLER_JSON;
        }
        if (!array && keys.contains("Account Number") && keys.contains("Control ID")) {
            return ReportFormat.PROWLER_V2_JSON;
        }
        if (keys.contains("runs") && keys.contains("version")) {
            return ReportFormat.SARIF;
        }
        if ((keys.contains("check_type") && keys.contains("results")) || (keys.contains("checkov_version") && keys.contains("resource_count"))) {
            return ReportFormat.CHECKOV_JSON;
        }
        if (keys.contains("Controls") || (array && keys.contains("node_type") && keys.contains("tests"))) {
            return ReportFormat.KUBE_BENCH_JSON;
        }
        if (keys.contains("summaryDetails") || (keys.contains("generationTime") && (keys.contains("results") || keys.contains("frameworks")))
                || (array && keys.contains("controlReports"))) {
            return ReportFormat.KUBESCAPE_JSON;
        }
        if ((keys.contains("SchemaVersion") && keys.contains("ArtifactName")) || keys.contains("ClusterName")
                || (array && keys.contains("Target") && keys.contains("Vulnerabilities"))) {
            return ReportFormat.TRIVY_JSON;
        }
        return null;
    }
}
