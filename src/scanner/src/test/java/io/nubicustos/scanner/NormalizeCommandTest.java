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
}
