package io.nubicustos.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The values of the Secrets a pod was given, redacted from everything the runner logs or writes to the pod's status. */
final class SecretValues {

    private final Set<String> values = new LinkedHashSet<>();

    /** The value as written, trimmed, and each line of it trimmed: the scanner may print any of them. */
    void add(String value) {
        values.add(value);
        values.add(value.trim());
        value.lines().map(String::trim).forEach(values::add);
    }

    /** {@code text} with every value of four or more characters replaced, longest first (a value may contain another). */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        List<String> longestFirst = new ArrayList<>(values);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        for (String secret : longestFirst) {
            if (secret.length() >= 4) {
                out = out.replace(secret, LocalPodRunner.REDACTED);
            }
        }
        return out;
    }
}
