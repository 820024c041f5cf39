package io.nubicustos.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * The line {@code normalize} prints per report lets a user reconcile its findings with the tool's
 * own failed count: what the not-failed results are in the tool's words, and how many results were
 * skipped, suppressed by the report itself, or repeated another finding. The reports are the
 * hand-written layouts of src/test/resources/layouts (README.md there), whose counts are stated here.
 */
class RunSummaryLineTest {

    static final Path LAYOUTS = Path.of("src/test/resources/layouts").toAbsolutePath();

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    String summaryOf(String layout) {
        CommandLine cli = ScannerCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("normalize", LAYOUTS.resolve(layout).toString())).isEqualTo(ScannerCommand.OK);
        return err.toString().lines().findFirst().orElseThrow();
    }

    /** kube-bench's Totals say 1 fail, 1 pass, 1 warn, 1 info: one finding, three not failures. */
    @Test
    void kubeBenchWarnAndInfoAreNamedAsNotFailures() {
        assertThat(summaryOf("kube-bench/info.json")).isEqualTo("scanner: " + LAYOUTS.resolve("kube-bench/info.json")
                + ": kube-bench-json, 1 findings, 3 passed or manual (PASS, WARN (a manual check) and INFO: not failures)");
    }

    /** Four findings in the export: two open and failed, one resolved (skipped), one suppressed. */
    @Test
    void skippedAndSuppressedAreCountedApart() {
        assertThat(summaryOf("asff/securityhub-findings.json")).isEqualTo("scanner: " + LAYOUTS.resolve("asff/securityhub-findings.json")
                + ": asff, 2 findings, 0 passed or manual, 1 skipped (not a failed check, or nothing to name a finding by),"
                + " 1 suppressed (failures the report marks as accepted: suppressions, exceptions, skipped checks)");
    }

    /** Two frameworks list the same failed control on the same pod: two results, one finding stored. */
    @Test
    void aFindingRepeatedAcrossFrameworksIsCountedAsARepeat() {
        assertThat(summaryOf("kubescape/v1-frameworks.json")).isEqualTo("scanner: " + LAYOUTS.resolve("kubescape/v1-frameworks.json")
                + ": kubescape-json, 2 findings, 1 passed or manual (controls passed, or skipped for a manual review),"
                + " 1 suppressed (failures the report marks as accepted: suppressions, exceptions, skipped checks),"
                + " 1 repeat another finding's check and resource (stored once)");
        assertThat(out.toString().lines()).hasSize(2);
    }

    /** A report whose only failure is suppressed: never a silent zero. */
    @Test
    void aReportOfOnlySuppressedFailuresWarns(@TempDir Path tmp) throws Exception {
        Path log = Files.writeString(tmp.resolve("one.sarif"), "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"semgrep\"}},"
                + "\"results\":[{\"ruleId\":\"r\",\"message\":{\"text\":\"m\"},\"suppressions\":[{\"kind\":\"inSource\"}]}]}]}");
        CommandLine cli = ScannerCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute("normalize", log.toString())).isEqualTo(ScannerCommand.OK);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains(log + ": sarif, 0 findings, 0 passed or manual, 1 suppressed (")
                .contains("warning: " + log + ": no findings from its 1 results: 0 skipped (not a failure, or not readable as a finding), 1 suppressed");
    }
}
