package io.nubicustos.findings.http;

/** A bad parameter or body: answered 400 with this message, which must never echo secrets or stack traces. */
public class InvalidInput extends RuntimeException {

    public InvalidInput(String message) {
        super(message, null, false, false);
    }
}
