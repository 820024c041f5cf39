package io.nubicustos.api.v1alpha1.common;

import java.util.List;

import com.google.re2j.Pattern;

/**
 * The schema checks (required, pattern, length) of the CRDs, for the Java validators of each kind.
 * Patterns are matched with RE2, the dialect the API server compiles them in, so both agree.
 */
public final class SchemaChecks {

    private SchemaChecks() {
    }

    public static void required(List<String> problems, String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            problems.add(field + " is required");
        }
    }

    /** Adds a problem when {@code value} is set and does not match; the message never repeats the value. */
    public static void pattern(List<String> problems, String field, String value, String regex) {
        if (value != null && !Pattern.compile(regex).matcher(value).matches()) {
            problems.add(field + " is malformed (expected " + describe(regex) + ")");
        }
    }

    /** Adds a problem when {@code value} is set and its length is outside [min, max]; never repeats the value. */
    public static void length(List<String> problems, String field, String value, int min, int max) {
        if (value != null && (value.length() < min || value.length() > max)) {
            problems.add(field + " must be " + min + " to " + max + " characters long");
        }
    }

    /** Adds a problem when {@code value} is set and longer than {@code max} (a maxLength); never repeats the value. */
    public static void maxLength(List<String> problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(field + " must be at most " + max + " characters long");
        }
    }

    /** A Kubernetes name: the subdomain pattern and at most {@link Bounds#NAME} characters. */
    public static void name(List<String> problems, String field, String value) {
        pattern(problems, field, value, Patterns.DNS_SUBDOMAIN);
        maxLength(problems, field, value, Bounds.NAME);
    }

    public static void reference(List<String> problems, String field, LocalReference ref) {
        if (ref != null) {
            required(problems, field + ".name", ref.getName());
            name(problems, field + ".name", ref.getName());
        }
    }

    private static String describe(String regex) {
        return switch (regex) {
            case Patterns.CRON -> "five cron fields or @hourly/@daily/@weekly/@monthly/@yearly";
            case Patterns.DURATION -> "a duration such as 30m, 24h or 1h30m";
            case Patterns.DURATION_WITH_DAYS -> "a duration such as 90d or 720h";
            case Patterns.IPV4_CIDR -> "an IPv4 CIDR such as 10.40.0.0/24";
            case Patterns.TIME_ZONE -> "an IANA time zone such as Europe/Berlin";
            case Patterns.IMAGE -> "an image reference such as registry/repo:tag";
            case Patterns.IMAGE_BY_DIGEST -> "an image pinned by digest such as registry/repo:tag@sha256:<64 hex digits>";
            case Patterns.DNS_SUBDOMAIN, Patterns.DNS_LABEL -> "a Kubernetes name: lower-case letters, digits, '-' and '.'";
            case Patterns.UUID -> "a UUID";
            case Patterns.AWS_ROLE_ARN -> "an IAM role ARN such as arn:aws:iam::123456789012:role/name";
            case Patterns.GCP_PROJECT_ID -> "a GCP project id";
            case Patterns.REGION -> "a region name such as eu-west-1";
            default -> "pattern " + regex;
        };
    }
}
