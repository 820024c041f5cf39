package io.nubicustos.scanner.parse;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Streaming reads of JSON reports: one element of a top-level array, or one value of a top-level
 * field, is held in memory at a time, so report size is bounded by disk, not heap. Nesting and
 * string sizes are capped against hostile input.
 */
final class JsonReports {

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).maxStringLength(16 * 1024 * 1024).build())
            .build());

    @FunctionalInterface
    interface NodeHandler {
        void accept(String field, JsonNode node) throws ReportException;
    }

    private JsonReports() {
    }

    /**
     * Walks the top level: for an array, calls {@code handler} with a null field for each element;
     * for an object, with each field's name and value.
     */
    static void walk(Path file, NodeHandler handler) throws ReportException {
        read(file, parser -> {
            JsonToken root = parser.nextToken();
            if (root == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    JsonLocation at = parser.currentTokenLocation();
                    accept(handler, null, MAPPER.readTree(parser), at);
                }
                expectEnd(parser, file, JsonToken.END_ARRAY);
            } else if (root == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation at = parser.currentTokenLocation();
                    String field = parser.currentName();
                    parser.nextToken();
                    accept(handler, field, MAPPER.readTree(parser), at);
                }
                expectEnd(parser, file, JsonToken.END_OBJECT);
            } else {
                throw new ReportException(file, "is not a JSON object or array" + where(parser.currentTokenLocation()), null);
            }
        });
    }

    /**
     * Each object of a report that lists them in any of three shapes: a top-level array; an object
     * whose {@code wrapper} field is the array (its other fields are ignored); or a sequence of
     * top-level objects, one per line. The list is streamed in each shape; the handler gets a null field.
     */
    static void objects(Path file, String wrapper, NodeHandler handler) throws ReportException {
        read(file, parser -> objects(file, parser, wrapper, handler));
    }

    /** What reading a JSON report does with its parser. */
    private interface ParserBody {
        void run(JsonParser parser) throws IOException, ReportException;
    }

    /**
     * Opens a report and hands its parser to {@code body}; every way reading can fail becomes a
     * ReportException naming the file and, where the parser has one, the position.
     */
    private static void read(Path file, ParserBody body) throws ReportException {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = MAPPER.createParser(in)) {
            try {
                body.run(parser);
            } catch (CharConversionException | CharacterCodingException e) {
                throw notText(file, parser);
            }
        } catch (NoSuchFileException e) {
            throw new ReportException(file, "does not exist", e);
        } catch (JsonProcessingException e) {
            throw unreadable(file, "JSON", e);
        } catch (CharConversionException e) {
            throw noEncoding(file);
        } catch (IOException e) {
            throw new ReportException(file, "cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }

    private static void objects(Path file, JsonParser parser, String wrapper, NodeHandler handler) throws IOException, ReportException {
        JsonToken root = parser.nextToken();
        if (root == JsonToken.START_ARRAY) {
            elements(parser, file, handler);
            return;
        }
        if (root != JsonToken.START_OBJECT) {
            throw new ReportException(file, "is not a JSON object or array" + where(parser.currentTokenLocation()), null);
        }
        JsonLocation start = parser.currentTokenLocation();
        com.fasterxml.jackson.databind.node.ObjectNode first = MAPPER.createObjectNode();
        boolean wrapped = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            if (parser.nextToken() == JsonToken.START_ARRAY && field.equals(wrapper)) {
                wrapped = true;
                elements(parser, file, handler);
            } else {
                first.set(field, MAPPER.readTree(parser));
            }
        }
        expectEnd(parser, file, JsonToken.END_OBJECT);
        if (wrapped) {
            return;
        }
        accept(handler, null, first, start);
        JsonToken next;
        while ((next = parser.nextToken()) == JsonToken.START_OBJECT) {
            JsonLocation at = parser.currentTokenLocation();
            accept(handler, null, MAPPER.readTree(parser), at);
        }
        if (next != null) {
            throw new ReportException(file, "is not one JSON object per line: a " + next + where(parser.currentLocation()), null);
        }
    }

    private static void elements(JsonParser parser, Path file, NodeHandler handler) throws IOException, ReportException {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            JsonLocation at = parser.currentTokenLocation();
            accept(handler, null, MAPPER.readTree(parser), at);
        }
        expectEnd(parser, file, JsonToken.END_ARRAY);
    }

    /**
     * A report in UTF-16 or UTF-32 (Jackson tells them by the first bytes) that is not valid text in
     * it: Jackson's readers for those throw an IOException that says neither where nor what, and
     * whose message quotes the bytes. Named by where the parser stopped.
     */
    static ReportException notText(Path file, JsonParser parser) {
        return new ReportException(file, "is not valid JSON" + where(parser.currentLocation())
                + ": a byte sequence that is not text in the UTF-16 or UTF-32 its first bytes announce", null);
    }

    /**
     * A report whose first bytes announce a UTF-32 byte order Jackson does not read (2143, 3412),
     * refused by Jackson before it reads anything: at the start.
     */
    static ReportException noEncoding(Path file) {
        return new ReportException(file, "is not valid JSON at line 1, column 1: its first bytes announce no encoding JSON is written in"
                + " (UTF-8, UTF-16 or UTF-32)", null);
    }

    /** A handler sees a value, not where it is: its refusal gets the position of the entry or field refused. */
    private static void accept(NodeHandler handler, String field, JsonNode node, JsonLocation at) throws ReportException {
        try {
            handler.accept(field, node);
        } catch (ReportException e) {
            throw e.at(where(at));
        }
    }

    private static void expectEnd(JsonParser parser, Path file, JsonToken end) throws IOException, ReportException {
        if (parser.currentToken() != end) {
            throw new ReportException(file, "is truncated or malformed" + where(parser.currentLocation()), null);
        }
    }

    static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /**
     * A report that is not valid JSON (or CSV, {@code syntax}), named by file, line and column and
     * what was expected there. Jackson's own message quotes the input (a token, a value, a field
     * name), which may be a secret: it is never used, only matched against Jackson's fixed wording
     * to pick one of the descriptions below; nor is the exception kept as the cause.
     */
    static ReportException unreadable(Path file, String syntax, JsonProcessingException e) {
        return new ReportException(file, "is not valid " + syntax + where(e.getLocation()) + ": " + expected(e), null);
    }

    private static String expected(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            return m.contains("nesting depth") ? "nesting depth exceeds the limit of 200"
                    : m.contains("Number") ? "a number exceeds the length limit" : "a string exceeds the length limit of 16 MiB";
        }
        if (m.startsWith("Invalid UTF-8") || m.startsWith("Invalid UTF-32") || m.contains("UTF-8")) {
            return "a byte sequence that is not UTF-8; expected UTF-8 text";
        }
        if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException || m.startsWith("Unexpected end-of-input")
                || m.contains("Missing closing quote")) {
            return "the input ends early; expected the rest of the document (is it truncated?)";
        }
        if (m.startsWith("Too many entries")) {
            return "a row has more columns than the header";
        }
        if (m.startsWith("Unrecognized token") || m.contains("expected a valid value")) {
            return "expected a JSON value (object, array, string, number, true, false or null)";
        }
        if (m.startsWith("Unexpected close marker")) {
            return "a closing bracket that matches no open one";
        }
        if (m.startsWith("Illegal unquoted character")) {
            return "a control character inside a string; expected it escaped";
        }
        if (m.startsWith("Unexpected character") || m.startsWith("Illegal character")) {
            return m.contains("comma to separate Object entries") ? "expected ',' or '}'"
                    : m.contains("comma to separate Array entries") ? "expected ',' or ']'"
                    : m.contains("double-quote to start field name") ? "expected a field name in double quotes"
                    : m.contains("colon to separate field name and value") ? "expected ':'"
                    : m.contains("column separator") ? "expected a column separator"
                    : "an unexpected character";
        }
        if (m.contains("numeric value") || m.contains("Leading zeroes") || m.contains("Non-standard token")) {
            return "a malformed number";
        }
        return "malformed " + (e.getClass().getName().contains("csv") ? "CSV" : "JSON");
    }

    static String text(JsonNode node, String... path) {
        JsonNode current = node;
        for (String p : path) {
            current = current == null ? null : current.get(p);
        }
        return current == null || current.isNull() || current.isContainerNode() ? null : current.asText();
    }

    /** {@code preferred} unless it is absent or blank. */
    static String firstNonBlank(String preferred, String fallback) {
        return preferred != null && !preferred.isBlank() ? preferred : fallback;
    }

    static List<JsonNode> array(JsonNode node, String field) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode value = node == null ? null : node.get(field);
        if (value != null && value.isArray()) {
            value.forEach(items::add);
        }
        return items;
    }

    /** A compliance object of framework to requirement id(s), as Prowler writes it. */
    static Map<String, List<String>> compliance(JsonNode node) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> {
                List<String> ids = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> ids.add(v.asText()));
                } else if (!e.getValue().isNull()) {
                    ids.add(e.getValue().asText());
                }
                map.put(e.getKey(), ids);
            });
        }
        return map;
    }
}
