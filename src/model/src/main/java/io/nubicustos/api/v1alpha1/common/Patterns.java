package io.nubicustos.api.v1alpha1.common;

/**
 * Regular expressions used in the CRD schemas ({@code @Pattern}); the operator's Java
 * validation uses the same constants, so the API server and the operator agree. The API server
 * compiles them as Go RE2: no backreferences or lookaround, and no repeat count above 1000
 * (lengths belong in minLength/maxLength).
 */
public final class Patterns {

    /** RFC 1123 subdomain, as Kubernetes names are. */
    public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /** RFC 1123 label, as namespace names are. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /** Five cron fields, or one of the {@code @daily} style macros. */
    public static final String CRON = "^(@(annually|yearly|monthly|weekly|daily|midnight|hourly)"
            + "|([0-9A-Za-z*?,/#LW-]+\\s+){4}[0-9A-Za-z*?,/#LW-]+)$";

    /** Go-style duration of hours, minutes and seconds, e.g. {@code 24h}, {@code 1h30m}. */
    public static final String DURATION = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

    /** A duration that may also count days, e.g. {@code 90d}. */
    public static final String DURATION_WITH_DAYS = "^([0-9]+(ms|s|m|h|d))+$";

    /** An IPv4 CIDR with prefix length, e.g. {@code 10.40.0.0/24}. */
    public static final String IPV4_CIDR = "^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
            + "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])/([0-9]|[12][0-9]|3[0-2])$";

    /** An IANA time zone name, e.g. {@code Europe/Berlin}. */
    public static final String TIME_ZONE = "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$";

    /** A container image reference: registry/repository[:tag][@digest]. */
    public static final String IMAGE = "^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*"
            + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$";

    /** An image reference pinned by digest: registry/repository[:tag]@sha256:digest (a tag alone can be moved). */
    public static final String IMAGE_BY_DIGEST = "^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*"
            + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?@sha256:[a-f0-9]{64}$";

    /** A cloud region name such as {@code eu-west-1}, {@code westeurope} or {@code europe-west4}. */
    public static final String REGION = "^[a-z]{2,}[a-z0-9-]*$";

    /** A UUID as Azure uses for tenant, client and subscription ids. */
    public static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    /** An IAM role ARN. */
    public static final String AWS_ROLE_ARN = "^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$";

    /** The characters of an STS external id; its length (2 to 1224) is a maxLength, not a repeat count. */
    public static final String AWS_EXTERNAL_ID = "^[A-Za-z0-9+=,.@:/-]+$";

    /** A GCP project id. */
    public static final String GCP_PROJECT_ID = "^[a-z][a-z0-9-]{4,28}[a-z0-9]$";

    private Patterns() {
    }
}
