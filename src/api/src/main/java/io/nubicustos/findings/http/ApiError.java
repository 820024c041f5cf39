package io.nubicustos.findings.http;

/**
 * The body of every error answer: a status, a short message safe to show anyone, and the request
 * id that finds the detail in the log.
 */
public record ApiError(int status, String error, String message, String requestId) {
}
