package io.nubicustos.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of one benchmark, written as flat JSON to {@code target/bench/<name>.json} at the
 * repository root. Figure names carry their unit ({@code p99_ms}, {@code findings_per_s}); the goal
 * is written beside them so a reader sees both.
 */
public final class BenchReport {

    private final String name;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    public BenchReport(String name, String goal) {
        this.name = name;
        figures.put("benchmark", name);
        figures.put("goal", goal);
    }

    public BenchReport figure(String nameWithUnit, Number value) {
        figures.put(nameWithUnit, value);
        return this;
    }

    public Map<String, Object> figures() {
        return Map.copyOf(figures);
    }

    /** Writes the report and returns its path. */
    public Path write() {
        Path dir = Path.of(System.getProperty("nubicustos.bench.dir", "target/bench"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".json");
            Files.writeString(file, toJson() + "\n");
            System.out.println("bench " + name + ": " + toJson() + " -> " + file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String toJson() {
        return figures.entrySet().stream()
                .map(e -> quote(e.getKey()) + ": " + (e.getValue() instanceof Number n ? n.toString() : quote(String.valueOf(e.getValue()))))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
