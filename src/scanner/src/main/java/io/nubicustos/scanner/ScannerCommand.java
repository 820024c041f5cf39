package io.nubicustos.scanner;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.nubicustos.scanner.parse.ReportException;
import io.nubicustos.scanner.parse.ReportFormat;
import io.nubicustos.scanner.parse.ReportFormatDetector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The reporter: the main container of every scan pod, and a command-line tool.
 * Exit codes: 0 success, 2 unreadable or unsupported input, 3 upload failed after retries.
 */
@Command(name = "scanner", mixinStandardHelpOptions = true, versionProvider = ScannerCommand.Version.class,
        description = "Reads security scanners' reports, normalizes their findings and uploads them to the Nubicustos API.",
        subcommands = { ScannerCommand.Formats.class, ScannerCommand.Detect.class, NormalizeCommand.class,
                AuditKubernetesCommand.class, UploadCommand.class })
public class ScannerCommand implements Runnable {

    public static final int OK = 0;
    public static final int BAD_INPUT = 2;
    public static final int UPLOAD_FAILED = 3;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        // picocli answers invalid usage with 2 (ExitCode.USAGE), the same as unreadable input.
        return new CommandLine(new ScannerCommand());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "formats", description = "Lists the report formats the scanner reads.")
    static class Formats implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (ReportFormat format : ReportFormat.values()) {
                out.printf("%-16s %-11s %s%n", format.id(), format.tool(), format.description());
            }
            return OK;
        }
    }

    @Command(name = "detect", description = "Prints the format of each report file, streaming it (any size).")
    static class Detect implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Report files.")
        List<Path> files;

        @Override
        public Integer call() {
            int exit = OK;
            for (Path file : files) {
                try {
                    spec.commandLine().getOut().println(file + "\t" + ReportFormatDetector.detect(file).id());
                } catch (ReportException e) {
                    spec.commandLine().getErr().println("scanner: " + e.getMessage());
                    exit = BAD_INPUT;
                }
            }
            return exit;
        }
    }

    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ScannerCommand.class.getPackage().getImplementationVersion();
            return new String[] { "nubicustos scanner " + (version == null ? "development" : version) };
        }
    }
}
