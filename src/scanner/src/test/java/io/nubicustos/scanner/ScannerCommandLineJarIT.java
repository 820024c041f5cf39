package io.nubicustos.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.scanner.parse.Fixtures;
import io.nubicustos.scanner.parse.ReportFormat;
import io.nubicustos.testing.PackagedJar;
import io.nubicustos.testing.PackagedJar.Run;

/**
 * The command line the README's "The scanner" section documents, run as written from the
 * repository root against the jar `package` built: the README and the build cannot drift apart
 * (a jar without its dependencies once failed there with NoClassDefFoundError).
 */
class ScannerCommandLineJarIT {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Path ROOT = Fixtures.dir().getParent();
    static final String PROWLER_K8S = "fixtures/prowler/upstream_example_output_kubernetes.ocsf.json";

    @TempDir
    Path tmp;

    @Test
    void theDocumentedCommandListsEveryFormat() throws Exception {
        DocumentedCommand documented = DocumentedCommand.read();

        Run run = PackagedJar.run(ROOT, documented.jar(), TIMEOUT, documented.args());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().map(line -> line.split("\\s+")[0]))
                .containsExactly(Arrays.stream(ReportFormat.values()).map(ReportFormat::id).toArray(String[]::new));
    }

    @Test
    void theDocumentedJarNormalizesARealReport() throws Exception {
        Run run = PackagedJar.run(ROOT, DocumentedCommand.read().jar(), TIMEOUT, "normalize", PROWLER_K8S);

        assertThat(run.exitCode()).as(run.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> findings = run.out().lines().map(line -> read(json, line)).toList();
        assertThat(findings).hasSize(5).allSatisfy(f -> {
            assertThat(f.path("tool").asText()).isEqualTo("prowler");
            assertThat(f.path("severity").asText()).isIn("critical", "high", "medium", "low", "info");
            assertThat(f.path("fingerprint").asText()).isNotBlank();
        });
        assertThat(run.err()).contains(PROWLER_K8S + ": prowler-ocsf, 5 findings, 1 passed or manual");
    }

    @Test
    void unreadableReportsExitWithTwoNamingEachFileAndPrintNothingOfThem() throws Exception {
        Path missing = tmp.resolve("missing.json");
        String report = Files.readString(ROOT.resolve(PROWLER_K8S));
        Path truncated = Files.writeString(tmp.resolve("truncated.json"), report.substring(0, report.length() / 2));

        Run run = PackagedJar.run(ROOT, DocumentedCommand.read().jar(), TIMEOUT, "normalize", missing.toString(), truncated.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ScannerCommand.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(missing + ": does not exist").contains(truncated + ": is not valid JSON");
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    /** The first {@code java -jar JAR ARGS...} line of the README's "The scanner" section. */
    record DocumentedCommand(String jar, String[] args) {

        static DocumentedCommand read() throws IOException {
            String readme = Files.readString(ROOT.resolve("README.md"));
            int start = readme.indexOf("\n## The scanner\n");
            assertThat(start).as("README.md has a section \"The scanner\"").isNotNegative();
            int end = readme.indexOf("\n## ", start + 1);
            String line = readme.substring(start, end < 0 ? readme.length() : end).lines().map(String::strip)
                    .filter(l -> l.startsWith("java -jar ")).findFirst()
                    .orElseThrow(() -> new AssertionError("the README's scanner section shows no java -jar command line"));
            String[] words = line.split("\\s+");
            return new DocumentedCommand(words[2], Arrays.copyOfRange(words, 3, words.length));
        }
    }
}
