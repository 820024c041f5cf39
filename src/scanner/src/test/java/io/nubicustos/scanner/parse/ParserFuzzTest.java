package io.nubicustos.scanner.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A Jazzer fuzz test per parser, and one of detection and dispatch as {@code scanner normalize}
 * reads a report; what each checks is {@link ParseOrRefuse}'s. Without {@code JAZZER_FUZZ}
 * ({@code make test}) each replays its inputs in {@code ParserFuzzTestInputs/<method>/} (small
 * seeds, and every crash fuzzing found, kept there and fixed), and every report in fixtures/ is
 * replayed through every one of them. With {@code JAZZER_FUZZ=1} ({@code make fuzz}) Jazzer fuzzes
 * one of them per JVM, seeded from fixtures/ too ({@link FuzzSeeds}).
 */
class ParserFuzzTest {

    @BeforeAll
    static void seedFromFixtures() throws IOException {
        String fuzz = System.getenv("JAZZER_FUZZ");
        if (fuzz != null && !fuzz.isEmpty()) {
            // Where Jazzer keeps the corpus it grows (relative to the module, as Jazzer resolves it).
            FuzzSeeds.copyInto(Path.of(".cifuzz-corpus", ParserFuzzTest.class.getName()), "detectAndParse");
        }
    }

    @FuzzTest
    void prowlerOcsf(byte[] input) {
        ParseOrRefuse.parse(ReportFormat.PROWLER_OCSF, input);
    }

    @FuzzTest
    void asff(byte[] input) {
        ParseOrRefuse.parse(ReportFormat.ASFF, input);
    }

    @FuzzTest
    void prowlerJson(byte[] input) {
        ParseOrRefuse.parse(ReportFormat.PROWLER_JSON, input);
    }

    @FuzzTest
    void prowlerV2Json(byte[] input) {
        ParseOrRefuse.parse(ReportFormat.PROWLER_V2_JSON, input);
    }

    @FuzzTest
    void prowlerCsv(byte[] input) {
        ParseOrRefuse.parse(ReportFormat.PROWLER_CSV, input);
    }

    @FuzzTest
    void scoutsuite(byte[] input) {
        ParseOrRefuse.parse(ReportFormat.SCOUTSUITE, input);
    }

    @FuzzTest
    void trivyJson(byte[] input) {
        ParseOrRefuse.parse(ReportFormat.TRIVY_JSON, input);
    }

    @FuzzTest
    void kubeBenchJson(byte[] input) {
        ParseOrRefuse.parse(ReportFormat.KUBE_BENCH_JSON, input);
    }

    @FuzzTest
    void kubescapeJson(byte[] input) {
        ParseOrRefuse.parse(ReportFormat.KUBESCAPE_JSON, input);
    }

    @FuzzTest
    void checkovJson(byte[] input) {
        ParseOrRefuse.parse(ReportFormat.CHECKOV_JSON, input);
    }

    @FuzzTest
    void sarif(byte[] input) {
        ParseOrRefuse.parse(ReportFormat.SARIF, input);
    }

    @FuzzTest
    void detectAndParse(byte[] input) {
        ParseOrRefuse.detectAndParse(input);
    }

    @Test
    void everyFormatHasAFuzzTest() {
        List<String> fuzzTests = Arrays.stream(ParserFuzzTest.class.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(FuzzTest.class))
                .map(Method::getName).toList();
        assertThat(fuzzTests).containsAll(Arrays.stream(ReportFormat.values()).map(FuzzSeeds::method).toList());
    }

    @Test
    void everyFuzzTestHasItsInputsDirectoryForCrashes() {
        // Without it Jazzer writes crash files to the module's root, where no regression run finds them.
        for (Method m : ParserFuzzTest.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(FuzzTest.class)) {
                assertThat(ParserFuzzTest.class.getResource("ParserFuzzTestInputs/" + m.getName())).as(m.getName()).isNotNull();
            }
        }
    }

    @Test
    void anEchoIsCaughtAmidTheParsersOwnWordsAndTheirWordsAreNone() {
        String prose = "The bucket policy is not valid JSON: expected a field name in double quotes.";
        assertThat(ParseOrRefuse.echoes("is not valid JSON at line 1, column 2: expected a field name in double quotes", prose)).isEmpty();
        assertThat(ParseOrRefuse.echoes("is not valid JSON at line 1, column 2: 'AKIAZZPLANTEDKEY' unexpected", "[\"AKIAZZPLANTEDKEY\"]"))
                .containsExactlyInAnyOrder("AKIAZZPLANTE", "KIAZZPLANTED", "IAZZPLANTEDK", "AZZPLANTEDKE", "ZZPLANTEDKEY");
    }

    static Stream<Path> fixtures() throws IOException {
        return FuzzSeeds.reports().stream();
    }

    /** The seed corpus of every fuzz test, replayed: each fixture through every parser, and detected. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyFixtureIsReadOrSoundlyRefusedByEveryParser(Path report) throws IOException {
        byte[] input = Files.readAllBytes(report);
        List<String> failures = new ArrayList<>();
        for (ReportFormat format : ReportFormat.values()) {
            check(format.id(), () -> ParseOrRefuse.parse(format, input), failures);
        }
        check("detected", () -> ParseOrRefuse.detectAndParse(input), failures);
        assertThat(failures).isEmpty();
    }

    /** Every parser's failure on the report, not only the first. */
    private static void check(String what, Runnable check, List<String> failures) {
        try {
            check.run();
        } catch (AssertionError | RuntimeException e) {
            failures.add(what + ": " + e);
        }
    }
}
