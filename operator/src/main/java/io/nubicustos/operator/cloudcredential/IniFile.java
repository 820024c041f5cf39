package io.nubicustos.operator.cloudcredential;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The AWS credentials/config INI format: sections of key = value lines. */
final class IniFile {

    private final Map<String, Map<String, String>> sections;

    private IniFile(Map<String, Map<String, String>> sections) {
        this.sections = sections;
    }

    static IniFile parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(), s -> new LinkedHashMap<>());
            } else if (current != null && line.contains("=")) {
                int eq = line.indexOf('=');
                current.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), line.substring(eq + 1).strip());
            }
        }
        return new IniFile(sections);
    }

    Optional<Map<String, String>> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    boolean has(String name) {
        return sections.containsKey(name);
    }
}
