package io.nubicustos.scanner;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.model.ingest.ScannerCommandLine;
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
 * {@code scanner normalize FILE|DIR...}: each report's findings as NDJSON on standard output. A
 * directory stands for every regular file under it, in name order. A report is spooled to a
 * temporary file and printed only once it parsed completely, so a broken report prints nothing of
 * itself, only an error naming the file and position; one broken report never stops the others,
 * and the last line names every report that failed (exit 2 if any did).
 */
@Command(name = ScannerCommandLine.NORMALIZE, description = "Prints the normalized findings of each report (or of every file in a directory) as NDJSON "
        + "(format detected from content); names the reports that failed.")
class NormalizeCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Report files, or directories of them.")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        List<Path> reports = new ArrayList<>();
        List<Path> failed = new ArrayList<>();
        for (Path file : files) {
            if (Files.isDirectory(file)) {
                try (Stream<Path> walk = Files.walk(file)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(reports::add);
                }
            } else {
                reports.add(file);
            }
        }
        for (Path file : reports) {
            if (!normalize(file)) {
                failed.add(file);
            }
        }
        spec.commandLine().getOut().flush();
        if (reports.size() > 1 || !failed.isEmpty()) {
            spec.commandLine().getErr().printf("scanner: %d reports, %d read, %d failed%s%n", reports.size(), reports.size() - failed.size(),
                    failed.size(), failed.isEmpty() ? "" : ": " + failed.stream().map(Path::toString).collect(Collectors.joining(", ")));
        }
        return failed.isEmpty() ? ScannerCommand.OK : ScannerCommand.BAD_INPUT;
    }

    /** Prints one report's findings and its summary line; false (and an error naming it) when it cannot be read. */
    private boolean normalize(Path file) throws IOException {
        Path spool = Files.createTempFile("nubicustos-normalize", ".ndjson");
        try {
            ReportFormat format = ReportFormatDetector.detect(file);
            ReportParser parser = ReportParsers.forFormat(format)
                    .orElseThrow(() -> new ReportException(file, "is " + format.id() + ", which this scanner version cannot normalize yet", null));
            ReportParser.ParseSummary summary;
            RunSummary tally = new RunSummary();
            try (BufferedWriter out = Files.newBufferedWriter(spool, StandardCharsets.UTF_8)) {
                summary = parser.parse(file, finding -> {
                    tally.add(finding);
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
            spec.commandLine().getErr().println("scanner: " + tally.line(file, format, summary));
            if (summary.findings() == 0 && summary.skipped() + summary.suppressed() > 0) {
                // Never a silent zero: say that results were seen and none was a failed check.
                spec.commandLine().getErr().printf("scanner: warning: %s: no findings from its %d results: %d skipped (not a"
                        + " failure, or not readable as a finding)%s%n", file, summary.passed() + summary.skipped() + summary.suppressed(),
                        summary.skipped(), summary.suppressed() == 0 ? "" : ", " + summary.suppressed() + " suppressed");
            }
            return true;
        } catch (ReportException e) {
            spec.commandLine().getErr().println("scanner: " + e.getMessage());
            return false;
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("scanner: " + file + ": its findings cannot be spooled: " + e.getCause().getClass().getSimpleName());
            return false;
        } catch (RuntimeException e) {
            // A parser bug on an input nobody foresaw: this report fails, named, the others still read.
            // Only the exception's type is printed: its message may quote the input.
            spec.commandLine().getErr().println("scanner: " + file + ": cannot be normalized: the parser failed ("
                    + e.getClass().getSimpleName() + "), a scanner bug; the other reports are not affected");
            return false;
        } finally {
            Files.deleteIfExists(spool);
        }
    }
}
