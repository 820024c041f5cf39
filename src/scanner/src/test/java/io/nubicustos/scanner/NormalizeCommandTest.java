package io.nubicustos.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.scanner.parse.Fixtures;
import picocli.CommandLine;

class NormalizeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void printsOneJsonLinePerFindingAndNothingOfABrokenReport() throws Exception {
        String half = Files.readString(Fixtures.dir().resolve("prowler/upstream_example_output_kubernetes.ocsf.json"));
        Path broken = Files.writeString(tmp.resolve("broken.json"), half.substring(0, half.length() * 2 / 3));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ScannerCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("normalize", Fixtures.dir().resolve("prowler/upstream_example_output_kubernetes.ocsf.json").toString(),
                broken.toString());

        assertThat(exit).isEqualTo(ScannerCommand.BAD_INPUT);
        assertThat(out.toString().lines()).hasSize(5).allSatisfy(line -> {
            var json = new ObjectMapper().readTree(line);
            assertThat(json.get("tool").asText()).isEqualTo("prowler");
            assertThat(json.get("severity").asText()).isIn("critical", "high", "medium", "low", "info");
        });
        assertThat(err.toString()).contains("prowler-ocsf, 5 findings, 1 passed or manual").contains(broken + ": is not valid JSON");
    }

    @Test
    void aMixedDirectoryParsesTheGoodReportsAndNamesTheBrokenOnes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("reports"));
        Files.copy(Fixtures.dir().resolve("prowler/upstream_example_output_kubernetes.ocsf.json"), dir.resolve("a-prowler.ocsf.json"));
        // An entry with only PkgName once crashed the whole run with NullPointerException: checkId.
        Files.writeString(dir.resolve("b-trivy-partial.json"), "[{\"Target\": \"t\", \"Vulnerabilities\": [{\"PkgName\": \"openssl\"}, {}]}]");
        Path garbage = Files.writeString(dir.resolve("c-garbage.json"), "foobar");
        Path empty = Files.writeString(dir.resolve("d-empty.json"), "");
        Files.copy(Fixtures.dir().resolve("kube-bench/upstream_result.json"), dir.resolve("e-kube-bench.json"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ScannerCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("normalize", dir.toString());

        assertThat(exit).isEqualTo(ScannerCommand.BAD_INPUT);
        assertThat(out.toString().lines()).as("kube-bench's one WARN is no finding").hasSize(5 + 1);
        assertThat(err.toString())
                .contains("a-prowler.ocsf.json: prowler-ocsf, 5 findings, 1 passed or manual")
                .contains("b-trivy-partial.json: trivy-json, 1 findings, 0 passed or manual, 1 skipped")
                .contains("e-kube-bench.json: kube-bench-json, 0 findings, 3 passed or manual (PASS, WARN (a manual check) and INFO: not failures)")
                .contains(garbage + ": is not valid JSON at line 1, column")
                .endsWith("scanner: 5 reports, 3 read, 2 failed: " + garbage + ", " + empty + System.lineSeparator());
    }
}
