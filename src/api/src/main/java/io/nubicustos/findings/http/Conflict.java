package io.nubicustos.findings.http;

/**
 * The request is well formed but the state forbids it (a run already completed or cancelled, a
 * chunk sent twice with other content): answered 409 with this message, written here, never input.
 */
public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message, null, false, false);
    }
}
