package io.nubicustos.findings.http;

/**
 * Answered 404 "not found", the same for an id that does not exist and for one the caller may not
 * see, so that ids of other tenants cannot be probed.
 */
public class NotFound extends RuntimeException {

    public NotFound() {
        super("not found", null, false, false);
    }
}
