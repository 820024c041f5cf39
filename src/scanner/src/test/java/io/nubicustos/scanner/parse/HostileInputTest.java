package io.nubicustos.scanner.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.nubicustos.model.finding.NormalizedFinding;

/**
 * Hostile reports against every JSON parser: deep nesting, a 20 MB string, invalid UTF-8 and a
 * report cut short after valid findings. Each is refused with a ReportException naming the file,
 * within the 256 MiB heap the tests run in, never a stack overflow or an out-of-memory error.
 */
class HostileInputTest {

    @TempDir
    static Path tmp;

    static final String PROWLER_FINDING = "{\"metadata\":{\"event_code\":\"c\"},\"status_code\":\"FAIL\",\"severity\":\"High\","
            + "\"finding_info\":{\"title\":\"t\"},\"resources\":[{\"uid\":\"arn:aws:s3:::b\"}],\"unmapped\":{}}";

    static Stream<ReportParser> parsers() {
        return Stream.of(new ProwlerOcsfParser(), new ProwlerJsonParser(), new AsffParser(), new TrivyParser(),
                new KubeBenchParser(), new CheckovParser(), new KubescapeParser(), new SarifParser());
    }

    static List<NormalizedFinding> assertRefused(ReportParser parser, Path file, String expected) {
        List<NormalizedFinding> emitted = new ArrayList<>();
        assertThatThrownBy(() -> parser.parse(file, emitted::add)).as(parser.format().id())
                .isInstanceOf(ReportException.class).hasMessageStartingWith(file.toString()).hasMessageContaining(expected);
        return emitted;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsers")
    void deepNestingIsRefused(ReportParser parser) throws IOException {
        Path file = Files.writeString(tmp.resolve(parser.format().id() + "-deep.json"), "[{\"a\":" + "[".repeat(50_000));
        assertRefused(parser, file, "nesting depth");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsers")
    void aHugeStringIsRefused(ReportParser parser) throws IOException {
        Path file = tmp.resolve(parser.format().id() + "-huge.json");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("[{\"a\":\"".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 20; i++) {
                out.write(chunk);
            }
            out.write("\"}]".getBytes(StandardCharsets.US_ASCII));
        }
        assertRefused(parser, file, "length");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsers")
    void invalidUtf8IsRefused(ReportParser parser) throws IOException {
        Path file = tmp.resolve(parser.format().id() + "-utf8.json");
        byte[] bad = { '[', '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', ']' };
        Files.write(file, bad);
        assertRefused(parser, file, "UTF-8");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsers")
    void invalidUtf32IsRefusedWhereItStopped(ReportParser parser) throws IOException {
        // "[" and three zero bytes: UTF-32 to Jackson, whose reader then meets a character beyond Unicode.
        Path file = tmp.resolve(parser.format().id() + "-utf32.json");
        Files.write(file, new byte[] { '[', 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF });
        assertRefused(parser, file, "is not valid JSON at line 1, column ");
        assertThatThrownBy(() -> ReportFormatDetector.detect(file)).isInstanceOf(ReportException.class).hasMessageContaining("UTF-32");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsers")
    void aUtf32ByteOrderJacksonDoesNotReadIsRefusedAtTheStart(ReportParser parser) throws IOException {
        // 00 00 xx 00: UTF-32 in byte order 2143, which Jackson refuses before reading anything.
        Path file = tmp.resolve(parser.format().id() + "-ucs4.json");
        Files.write(file, new byte[] { 0, 0, '[', 0, 0, 0, ']', 0 });
        assertRefused(parser, file, "is not valid JSON at line 1, column 1: its first bytes announce no encoding");
        assertThatThrownBy(() -> ReportFormatDetector.detect(file)).isInstanceOf(ReportException.class)
                .hasMessageContaining("at line 1, column 1: its first bytes announce no encoding");
    }

    @Test
    void invalidUtf8InACsvIsRefusedWhereItIs() throws IOException {
        // The JDK's reader reports a malformed byte without saying where it is; the parser must.
        Path file = tmp.resolve("prowler-utf8.csv");
        byte[] bad = { 'C', 'H', 'E', 'C', 'K', '_', 'I', 'D', ';', 'S', 'T', 'A', 'T', 'U', 'S', '\n', 'c', ';', (byte) 0xC3, (byte) 0x28, '\n' };
        Files.write(file, bad);
        assertRefused(new ProwlerCsvParser(), file, "not valid CSV at line 2, column 3: a byte sequence that is not UTF-8");
    }

    @Test
    void aScoutSuiteRefusalNamesTheLineOfTheFileNotOfTheJsonAfterItsPrefix() throws IOException {
        ScoutSuiteParser parser = new ScoutSuiteParser();
        Path file = Files.writeString(tmp.resolve("scoutsuite-lines.js"), "\n\nscoutsuite_results = {\"services\": {]}");
        assertRefused(parser, file, "at line 3, column 36");
        Path prose = Files.writeString(tmp.resolve("scoutsuite-prose.js"), "\n  results = {}");
        assertRefused(parser, prose, "does not start with 'scoutsuite_results =' at line 2, column 3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsers")
    void aReportCutShortIsRefusedAfterWhatItAlreadyRead(ReportParser parser) throws IOException {
        Path file = Files.writeString(tmp.resolve(parser.format().id() + "-cut.json"),
                "[" + PROWLER_FINDING + "," + PROWLER_FINDING + ",{\"metadata\":");
        // Parsers stream, so findings before the cut may reach the sink; the exception tells the
        // caller to discard them (NormalizeCommand spools and prints nothing: NormalizeCommandTest).
        List<NormalizedFinding> emitted = assertRefused(parser, file, "line 1");
        assertThat(emitted).hasSize(parser instanceof ProwlerOcsfParser ? 2 : 0);
    }
}
