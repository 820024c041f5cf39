package io.nubicustos.scanner.kubernetes;

/**
 * An edge for attack paths: {@code from -[type]-> to}, between resource identities
 * ({@code kind/namespace/name}, or {@code Internet}).
 */
public record Relationship(String from, String type, String to) {

    public static final String INTERNET = "Internet";
}
