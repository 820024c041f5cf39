package io.nubicustos.model.finding;

import io.nubicustos.api.v1alpha1.common.Bounds;

/**
 * How long each field of an uploaded finding, chunk and graph may be: the findings API refuses a
 * chunk beyond them (400 naming the field), and {@link NormalizedFinding#of} shortens the free
 * texts tools write to them, so that a real report never breaks its own upload. Identities
 * (check, control, resource, account) are never shortened: two different ones would merge.
 */
public final class FindingBounds {

    /** tool and provider names: lower-case letters, digits and '-'. */
    public static final int NAME = 32;
    public static final int CHECK_ID = 512;
    public static final int CONTROL = 512;
    public static final int TITLE = 2_000;
    /** description and remediation. */
    public static final int TEXT = 20_000;
    public static final int ACCOUNT = 256;
    public static final int REGION = 64;
    /** A Kubernetes namespace is a DNS label. */
    public static final int NAMESPACE = Bounds.LABEL;
    public static final int RESOURCE_TYPE = 256;
    /** An ARN may be 2,048 characters; so may every other resource identity. */
    public static final int RESOURCE = 2_048;
    /** Places a finding keeps ({@link NormalizedFinding#locations()}), and the length of each. */
    public static final int LOCATIONS = 100;
    public static final int LOCATION = 1_024;
    /** Fingerprints are 16 bytes in hex ({@link Fingerprints}). */
    public static final int FINGERPRINT = 32;
    /** compliance: frameworks per finding, requirement ids per framework, and the length of each. */
    public static final int FRAMEWORKS = 128;
    public static final int REQUIREMENTS = 256;
    public static final int COMPLIANCE_ID = 256;

    /** A graph node's kind, an edge's action. */
    public static final int KIND = 128;
    public static final int ACTION = 256;
    /** Labels of a graph node: as many as Kubernetes objects carry, keys prefix/name, values as Kubernetes bounds them. */
    public static final int LABELS = 64;
    public static final int LABEL_KEY = Bounds.NAME + 1 + Bounds.LABEL;
    public static final int LABEL_VALUE = Bounds.LABEL;
    /** Node namespaces as graph assets carry them (a Kubernetes name at most). */
    public static final int NODE_NAMESPACE = Bounds.NAME;

    /** The longest string of any field: the JSON parser refuses longer ones before building them. */
    public static final int LONGEST = TEXT;

    private FindingBounds() {
    }

    /** {@code text} shortened to {@code max} characters (a trailing "…" says so), without splitting a surrogate pair. */
    public static String shorten(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }
}
