package io.nubicustos.scanner;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.scanner.parse.ReportException;
import io.nubicustos.scanner.parse.ReportFormat;
import io.nubicustos.scanner.parse.ReportFormatDetector;
import io.nubicustos.scanner.parse.ReportParser;
import io.nubicustos.scanner.parse.ReportParsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scanner normalize FILE...}: each report's findings as NDJSON on standard output. A report
 * is spooled to a temporary file and printed only once it parsed completely, so a broken report
 * prints nothing of itself, only an error naming the file and position.
 */
@Command(name = "normalize", description = "Prints the normalized findings of each report as NDJSON (format detected from content).")
class NormalizeCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Report files.")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        int exit = ScannerCommand.OK;
        for (Path file : files) {
            Path spool = Files.createTempFile("nubicustos-normalize", ".ndjson");
            try {
                ReportFormat format = ReportFormatDetector.detect(file);
                ReportParser parser = ReportParsers.forFormat(format)
                        .orElseThrow(() -> new ReportException(file, "is " + format.id() + ", which this scanner version cannot normalize yet", null));
                ReportParser.ParseSummary summary;
                try (BufferedWriter out = Files.newBufferedWriter(spool, StandardCharsets.UTF_8)) {
                    summary = parser.parse(file, finding -> {
                        try {
                            out.write(JSON.writeValueAsString(finding));
                            out.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
                try (var lines = Files.lines(spool, StandardCharsets.UTF_8)) {
                    lines.forEach(spec.commandLine().getOut()::println);
                }
                spec.commandLine().getErr().printf("scanner: %s: %s, %d findings, %d passed or manual%s%n", file, format.id(),
                        summary.findings(), summary.passed(), summary.skipped() == 0 ? "" : ", " + summary.skipped() + " skipped");
                if (summary.findings() == 0 && summary.skipped() > 0) {
                    // Never a silent zero: say that results were seen and none was a failed check.
                    spec.commandLine().getErr().printf("scanner: warning: %s: no findings from its %d results: %d skipped (not a"
                            + " failure, or not readable as a finding)%n", file, summary.passed() + summary.skipped(), summary.skipped());
                }
            } catch (ReportException e) {
                spec.commandLine().getErr().println("scanner: " + e.getMessage());
                exit = ScannerCommand.BAD_INPUT;
            } finally {
                Files.deleteIfExists(spool);
            }
        }
        spec.commandLine().getOut().flush();
        return exit;
    }
}
