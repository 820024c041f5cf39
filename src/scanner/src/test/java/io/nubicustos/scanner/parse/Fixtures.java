package io.nubicustos.scanner.parse;

import java.nio.file.Files;
import java.nio.file.Path;

/** Real reports of the real tools, in the repository's fixtures/ (origins and licenses in its SOURCES.md). */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path dir() {
        String configured = System.getProperty("nubicustos.fixtures");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../fixtures").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("prowler"))) {
            throw new IllegalStateException("scanner fixtures not found at " + dir + " (set -Dnubicustos.fixtures)");
        }
        return dir;
    }
}
