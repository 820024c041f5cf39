package io.nubicustos.findings.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.nubicustos.scanner.ScannerCommand;
import picocli.CommandLine;

/** Runs the scanner's command line in-process, as a scan pod would, keeping what it printed on standard error. */
public final class ScannerRuns {

    private volatile String lastErr = "";

    public int run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new ScannerCommand()).setOut(new PrintWriter(new ByteArrayOutputStream(), true))
                .setErr(new PrintWriter(err, true)).execute(args);
        lastErr = err.toString(StandardCharsets.UTF_8);
        return exit;
    }

    /** What the last run printed on standard error. */
    public String lastErr() {
        return lastErr;
    }
}
