package io.nubicustos.api.v1alpha1.common;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * One CEL rule of a CRD ({@code x-kubernetes-validations}) with its Java equivalent.
 * The API server evaluates the expression; the operator evaluates {@link #holds} too,
 * so an object that reached it without that check (an older API server, the mock server,
 * a validation webhook turned off) still gets a clear condition instead of a broken run.
 *
 * @param expression the CEL expression, exactly as in the generated CRD
 * @param message the message the API server and the operator both give
 * @param holds the Java equivalent: true when the object satisfies the rule
 */
public record CelRule<T>(String expression, String message, Predicate<T> holds) {

    public CelRule {
        Objects.requireNonNull(expression);
        Objects.requireNonNull(message);
        Objects.requireNonNull(holds);
    }
}
