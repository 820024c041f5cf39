package io.nubicustos.scanner.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The seed corpus the fuzz tests start from: the real reports in fixtures/, read where they are
 * rather than copied into the repository. Fuzzing copies them into the corpus Jazzer keeps and
 * grows ({@code .cifuzz-corpus/<class>/<method>/} in the module, not checked in); the regression
 * run replays them directly.
 */
final class FuzzSeeds {

    /** Larger reports slow every execution down and teach the mutator nothing the smaller ones do not. */
    static final long MAX_SEED_BYTES = 64 * 1024;

    private FuzzSeeds() {
    }

    /** Every report in fixtures/, of every tool (those the scanner does not read too: detection refuses them). */
    static List<Path> reports() throws IOException {
        try (Stream<Path> files = Files.walk(Fixtures.dir())) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().matches("(?i).*\\.(md|txt)")).sorted()
                    .toList();
        }
    }

    /** The fuzz test of a format: {@code prowler-v2-json} is {@code prowlerV2Json}. */
    static String method(ReportFormat format) {
        StringBuilder name = new StringBuilder();
        for (String part : format.id().split("-")) {
            name.append(name.length() == 0 ? part : part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1));
        }
        return name.toString();
    }

    /**
     * Copies each fixture of at most {@link #MAX_SEED_BYTES} into the corpus of the fuzz test of its
     * format, and all of them into that of {@code detectAndParse}.
     */
    static void copyInto(Path corpusRoot, String detectMethod) throws IOException {
        for (Path report : reports()) {
            if (Files.size(report) > MAX_SEED_BYTES) {
                continue;
            }
            String seed = report.getParent().getFileName() + "-" + report.getFileName();
            copy(report, corpusRoot.resolve(detectMethod).resolve(seed));
            Optional<ReportFormat> format = detected(report);
            if (format.isPresent()) {
                copy(report, corpusRoot.resolve(method(format.get())).resolve(seed));
            }
        }
    }

    private static Optional<ReportFormat> detected(Path report) {
        try {
            return Optional.of(ReportFormatDetector.detect(report));
        } catch (ReportException notAReport) {
            return Optional.empty();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
