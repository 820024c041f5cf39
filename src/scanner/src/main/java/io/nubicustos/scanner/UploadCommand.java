package io.nubicustos.scanner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.ingest.CompletionResult;
import io.nubicustos.model.ingest.ScannerCommandLine;
import io.nubicustos.scanner.parse.ReportContent;
import io.nubicustos.scanner.parse.ReportException;
import io.nubicustos.scanner.parse.ReportFormat;
import io.nubicustos.scanner.parse.ReportFormatDetector;
import io.nubicustos.scanner.parse.ReportParser;
import io.nubicustos.scanner.parse.ReportParsers;
import io.nubicustos.scanner.upload.ChunkedUpload;
import io.nubicustos.scanner.upload.IngestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scanner upload --api-url URL --run-id ID --token-file F --tool T FILE}: reads the
 * report twice, first whole to prove it parses and stands for a scan (a broken, missing or empty
 * report uploads nothing and fails the run), then to send its findings in chunks; completes the
 * run and writes the counts as the termination message.
 */
@Command(name = ScannerCommandLine.UPLOAD, description = "Parses a report and uploads its findings to the findings API for one run.")
class UploadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    UploadOptions upload;

    @Option(names = ScannerCommandLine.TOOL, required = true, description = "The tool that wrote the report (prowler, trivy, ...).")
    String tool;

    @Parameters(arity = "1", paramLabel = "FILE", description = "The tool's report.")
    Path file;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ReportParser parser;
        try {
            ReportFormat format = ReportFormatDetector.detect(file);
            // Another tool's report is not this tool's scan (SARIF is written by many tools).
            if (!format.tool().equals("any") && !format.tool().equals(tool)) {
                throw new ReportException(file, "is a " + format.id() + " report, which " + tool + " does not write", null);
            }
            parser = ReportParsers.forFormat(format)
                    .orElseThrow(() -> new ReportException(file, "is " + format.id() + ", which this scanner version cannot read", null));
            RunSummary tally = new RunSummary();
            ReportParser.ParseSummary summary;
            try {
                summary = parser.parse(file, tally::add);
            } catch (RuntimeException e) {
                // Only the type: the message of a parser bug may quote the input.
                throw new ReportException(file, "cannot be read: the parser failed (" + e.getClass().getSimpleName() + "), a scanner bug", null);
            }
            spec.commandLine().getErr().println("scanner: " + tally.line(file, format, summary));
            // A report that proves no scan ran fails the run before anything is sent: completing it
            // without findings would resolve every open finding of the ScanJob.
            java.util.Optional<String> unusable = ReportContent.unusable(format, summary);
            if (unusable.isPresent()) {
                throw new ReportException(file, unusable.get(), null);
            }
        } catch (ReportException e) {
            spec.commandLine().getErr().println("scanner: " + e.getMessage());
            return ScannerCommand.BAD_INPUT;
        }
        Severity threshold = upload.threshold(spec);
        String[] provider = { upload.provider };
        ChunkedUpload[] chunked = { null };
        long[] belowThreshold = { 0 };
        IngestClient client = upload.client(spec);
        try {
            parser.parse(file, finding -> {
                if (chunked[0] == null) {
                    provider[0] = provider[0] != null ? provider[0] : finding.provider() != null ? finding.provider() : "unknown";
                    chunked[0] = new ChunkedUpload(client, tool, provider[0], upload.chunkSize);
                }
                if (finding.severity().atLeast(threshold)) {
                    chunked[0].add(finding);
                } else {
                    belowThreshold[0]++;
                }
            });
            if (belowThreshold[0] > 0) {
                spec.commandLine().getErr().printf(Locale.ROOT, "scanner: %s: %d findings below the severity threshold %s not uploaded%n", file,
                        belowThreshold[0], threshold.id());
            }
            if (chunked[0] == null) {
                chunked[0] = new ChunkedUpload(client, tool, provider[0] != null ? provider[0] : "unknown", upload.chunkSize);
            }
            return upload.finish(spec, chunked[0]);
        } catch (IngestClient.UploadException e) {
            spec.commandLine().getErr().println("scanner: upload failed: " + e.getMessage());
            return ScannerCommand.UPLOAD_FAILED;
        } catch (ReportException e) {
            // The file changed between the two readings: report the run failed, resolve nothing.
            spec.commandLine().getErr().println("scanner: " + e.getMessage());
            client.complete("failed", chunked[0] == null ? 0 : chunked[0].chunks(), false);
            return ScannerCommand.BAD_INPUT;
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("scanner: upload failed: " + e.getCause().getMessage());
            return ScannerCommand.UPLOAD_FAILED;
        }
    }

    /** The options every uploading command shares. */
    static class UploadOptions {

        private static final ObjectMapper TERMINATION_MESSAGE = new ObjectMapper();

        @Option(names = ScannerCommandLine.API_URL, required = true, description = "The findings API, e.g. http://nubicustos-api.nubicustos-system.svc:8080")
        String apiUrl;

        @Option(names = ScannerCommandLine.RUN_ID, required = true, description = "The run this upload belongs to (the token must name it).")
        String runId;

        @Option(names = ScannerCommandLine.TOKEN_FILE, required = true, description = "File holding the run's upload token.")
        Path tokenFile;

        @Option(names = ScannerCommandLine.SEVERITY_THRESHOLD, defaultValue = "info", description = "Upload findings at least this severe (default: ${DEFAULT-VALUE}).")
        String severityThreshold;

        @Option(names = ScannerCommandLine.PROVIDER, description = "Provider scanned (default: from the findings).")
        String provider;

        @Option(names = ScannerCommandLine.CHUNK_SIZE, defaultValue = "1000", description = "Findings per request (default: ${DEFAULT-VALUE}).")
        int chunkSize;

        @Option(names = ScannerCommandLine.MAX_ATTEMPTS, defaultValue = "8", description = "Attempts per request before giving up (default: ${DEFAULT-VALUE}).")
        int maxAttempts;

        @Option(names = ScannerCommandLine.TERMINATION_LOG, defaultValue = "/dev/termination-log",
                description = "Where to write the run's counts for the operator (default: ${DEFAULT-VALUE}).")
        Path terminationLog;

        Severity threshold(CommandSpec spec) {
            return Severity.parse(severityThreshold).orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
                    ScannerCommandLine.SEVERITY_THRESHOLD + " must be one of " + Severity.IDS));
        }

        IngestClient client(CommandSpec spec) throws IOException {
            if (chunkSize < 1 || chunkSize > 5000) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--chunk-size must be between 1 and 5000");
            }
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
            return new IngestClient(apiUrl, runId, token, Math.max(1, maxAttempts), Duration.ofMillis(500), Duration.ofSeconds(30),
                    spec.commandLine().getErr()::println);
        }

        /**
         * Completes the run and leaves the API's answer, with its counts, where the kubelet puts it
         * into the pod status: the operator shows the API's tally, not the scanner's.
         */
        int finish(CommandSpec spec, ChunkedUpload chunked) throws IOException, InterruptedException {
            CompletionResult result = chunked.complete();
            String answer = TERMINATION_MESSAGE.writeValueAsString(result);
            try {
                if (terminationLog.getParent() == null || Files.isDirectory(terminationLog.getParent())) {
                    Files.writeString(terminationLog, answer, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                spec.commandLine().getErr().println("scanner: cannot write " + terminationLog + ": " + e.getClass().getSimpleName());
            }
            spec.commandLine().getErr().printf(Locale.ROOT, "scanner: run %s uploaded in %d chunks: %s%n", runId, chunked.chunks(), answer);
            return ScannerCommand.OK;
        }
    }
}
