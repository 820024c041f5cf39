package io.nubicustos.scanner.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.model.finding.NormalizedFinding;

/**
 * What the fuzz tests check of any input: a parser reads it or refuses it with its ReportException,
 * which names the file and the position where reading stopped (only an input without any, blank,
 * has none) and quotes none of the input. Anything else thrown (a NullPointerException, a
 * StackOverflowError...) reaches the caller, Jazzer or JUnit, as the failure it is.
 */
final class ParseOrRefuse {

    /** A run of this many characters of the input in a message is an echo of it, not a coincidence. */
    static final int ECHO = 12;
    static final Pattern POSITION = Pattern.compile(" at line \\d+, column \\d+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ParseOrRefuse() {
    }

    /** The parser of {@code format} on {@code input}. */
    static void parse(ReportFormat format, byte[] input) {
        withFile(input, file -> {
            try {
                read(ReportParsers.forFormat(format).orElseThrow(), file);
            } catch (ReportException e) {
                assertSoundRefusal(e, file, input);
            }
        });
    }

    /** Detection, then the parser of the format detected, as {@code scanner normalize} reads a report. */
    static void detectAndParse(byte[] input) {
        withFile(input, file -> {
            try {
                ReportFormat format = ReportFormatDetector.detect(file);
                read(ReportParsers.forFormat(format).orElseThrow(), file);
            } catch (ReportException e) {
                assertSoundRefusal(e, file, input);
            }
        });
        if (new String(input, StandardCharsets.UTF_8).isBlank()) {
            // A blank file is no report: refused, never read as one without findings.
            withFile(input, file -> assertThat(catchReport(file)).as("a blank report").isNotNull());
        }
    }

    private static void read(ReportParser parser, Path file) throws ReportException {
        long[] emitted = { 0 };
        ReportParser.ParseSummary summary = parser.parse(file, finding -> {
            assertThat(finding).isNotNull();
            serialize(finding);
            emitted[0]++;
        });
        assertThat(summary.findings()).as("findings counted").isEqualTo(emitted[0]);
        assertThat(summary.passed()).isNotNegative();
        assertThat(summary.skipped()).isNotNegative();
    }

    private static ReportException catchReport(Path file) {
        try {
            ReportParsers.forFormat(ReportFormatDetector.detect(file)).orElseThrow().parse(file, f -> { });
            return null;
        } catch (ReportException e) {
            return e;
        }
    }

    /** As {@code scanner normalize} prints it: a finding that cannot be written out is a crash too. */
    private static void serialize(NormalizedFinding finding) {
        try {
            JSON.writeValueAsString(finding);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertSoundRefusal(ReportException e, Path file, byte[] input) {
        String message = e.getMessage();
        assertThat(message).startsWith(file + ": ");
        String problem = message.substring(file.toString().length() + 2);
        String text = new String(input, StandardCharsets.UTF_8);
        if (!text.isBlank()) {
            assertThat(POSITION.matcher(problem).find()).as("a position in: %s", problem).isTrue();
        }
        assertThat(echoes(problem, text)).as("input quoted in: %s", problem).isEmpty();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                assertThat(echoes(cause.getMessage(), text)).as("input quoted in the cause: %s", cause).isEmpty();
            }
        }
    }

    /**
     * The runs of {@link #ECHO} characters of {@code message} that are also in {@code input}, within
     * what the parsers' own wording does not cover (a report's prose may use the same words).
     */
    static Set<String> echoes(String message, String input) {
        Set<String> runs = new HashSet<>();
        for (String stretch : Wording.uncovered(message)) {
            for (int i = 0; i + ECHO <= stretch.length(); i++) {
                runs.add(stretch.substring(i, i + ECHO));
            }
        }
        Set<String> found = new HashSet<>();
        for (int i = 0; i + ECHO <= input.length() && !runs.isEmpty(); i++) {
            String run = input.substring(i, i + ECHO);
            if (runs.remove(run)) {
                found.add(run);
            }
        }
        return found;
    }

    @FunctionalInterface
    private interface FileCheck {
        void check(Path file);
    }

    private static void withFile(byte[] input, FileCheck check) {
        Path file = null;
        try {
            file = Files.createTempFile("fuzz-", ".report");
            Files.write(file, input);
            check.check(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // A temp file left behind: not the parser's failure.
                }
            }
        }
    }
}
