package io.nubicustos.scanner.parse;

import java.nio.file.Path;

/** A report that cannot be read: the message names the file and, where known, the line and column. */
public class ReportException extends Exception {

    private final Path file;
    private final String problem;

    public ReportException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** This refusal at a position ({@code " at line 3, column 5"}), for one raised where only a value, not its place, is known. */
    ReportException at(String where) {
        return new ReportException(file, problem + where, getCause());
    }
}
