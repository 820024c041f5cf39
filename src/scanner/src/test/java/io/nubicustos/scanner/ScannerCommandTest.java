package io.nubicustos.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.nubicustos.scanner.parse.Fixtures;
import io.nubicustos.scanner.parse.ReportFormat;
import picocli.CommandLine;

class ScannerCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ScannerCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void formatsListsEveryFormatWithItsTool() {
        assertThat(run("formats")).isZero();
        for (ReportFormat format : ReportFormat.values()) {
            assertThat(out.toString()).contains(format.id()).contains(format.tool());
        }
    }

    @Test
    void detectPrintsOneLinePerFileAndExitsZero() {
        Path ocsf = Fixtures.dir().resolve("prowler/upstream_example_output_aws.ocsf.json");
        Path trivy = Fixtures.dir().resolve("trivy/upstream_alpine-310.json");
        assertThat(run("detect", ocsf.toString(), trivy.toString())).isZero();
        assertThat(out.toString().lines()).containsExactly(ocsf + "\tprowler-ocsf", trivy + "\ttrivy-json");
    }

    @Test
    void unreadableInputExitsTwoNamingTheFileAndStillReportsTheOthers() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"SchemaVersion\": 2,\n \"ArtifactName\": ");
        Path good = Fixtures.dir().resolve("kube-bench/upstream_result.json");
        assertThat(run("detect", tmp.resolve("missing.json").toString(), broken.toString(), good.toString()))
                .isEqualTo(ScannerCommand.BAD_INPUT);
        assertThat(err.toString()).contains(tmp.resolve("missing.json") + ": does not exist")
                .contains(broken + ": is not valid JSON at line 2");
        assertThat(out.toString()).contains(good + "\tkube-bench-json");
    }

    @Test
    void unknownSubcommandOrOptionIsBadInput() {
        assertThat(run("detect")).isEqualTo(ScannerCommand.BAD_INPUT);
        assertThat(run("--no-such-option")).isEqualTo(ScannerCommand.BAD_INPUT);
    }
}
