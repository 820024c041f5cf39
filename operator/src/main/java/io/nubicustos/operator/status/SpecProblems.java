package io.nubicustos.operator.status;

import java.util.List;

/**
 * The outcome of validating a spec in the operator, for the {@code InvalidSpec} reason that all
 * three kinds share. The messages come from the validators, which name fields, never values.
 */
public record SpecProblems(List<String> problems) {

    public static final String INVALID_SPEC = "InvalidSpec";

    public boolean valid() {
        return problems.isEmpty();
    }

    public String message() {
        return String.join("; ", problems);
    }
}
