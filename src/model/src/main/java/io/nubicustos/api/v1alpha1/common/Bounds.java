package io.nubicustos.api.v1alpha1.common;

/**
 * Lengths of the CRD schemas ({@code @Size}); the operator's Java validation uses the same
 * constants. The API server estimates the cost of a CEL rule from them: a string or list a rule
 * reads without a bound counts as large as a whole request, and a rule over budget makes the
 * API server refuse the CRD.
 */
public final class Bounds {

    /** A Kubernetes object name (RFC 1123 subdomain). */
    public static final int NAME = 253;

    /** A DNS label, as namespace and Service names are. */
    public static final int LABEL = 63;

    /** An IPv4 CIDR: {@code 255.255.255.255/32}. */
    public static final int CIDR = 18;

    /** A duration such as {@code 1h30m} or {@code 90d}. */
    public static final int DURATION = 32;
    /** An image reference with registry, repository, tag and digest. */
    public static final int IMAGE = 512;

    private Bounds() {
    }
}
