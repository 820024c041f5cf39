package io.nubicustos.scanner.parse;

import java.nio.file.Path;

/** A report that cannot be read: the message names the file and, where known, the line and column. */
public class ReportException extends Exception {

    private final Path file;

    public ReportException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
