package io.nubicustos.api.v1alpha1.scanjob;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.nubicustos.api.v1alpha1.common.Durations;

/**
 * A ScanJob's spec against the admin's {@link ScanPolicy}. Messages name the field and the
 * bound, never the value asked for (an image reference or a schedule is the tenant's input).
 */
public final class ScanPolicyCheck {

    /** spec.image is not an allowed, digest-pinned image of this tool. */
    public static final String IMAGE_NOT_ALLOWED = "ImageNotAllowed";
    /** A resource, the timeout or the retries exceed the admin's caps. */
    public static final String LIMIT_EXCEEDED = "LimitExceeded";
    /** The schedule runs more often than the admin allows. */
    public static final String SCHEDULE_TOO_FREQUENT = "ScheduleTooFrequent";

    /** Where schedules are sampled from: a fixed instant, so a verdict never depends on the day it is given. */
    static final Instant SCHEDULE_REFERENCE = Instant.parse("2026-01-05T00:00:00Z");
    static final int SCHEDULE_SAMPLE = 400;

    public record Violation(String reason, String message) {
    }

    private ScanPolicyCheck() {
    }

    /** What the spec asks for beyond the policy; empty when it stays within it (or the spec lacks a tool). */
    public static List<Violation> violations(ScanJobSpec spec, ScanPolicy policy) {
        List<Violation> found = new ArrayList<>();
        if (spec == null || spec.getTool() == null) {
            return found;
        }
        if (spec.getImage() != null && !(pinned(spec.getImage()) && policy.allowedImages(spec.getTool()).contains(spec.getImage()))) {
            found.add(new Violation(IMAGE_NOT_ALLOWED, "spec.image is not one of the digest-pinned images the cluster admin allows for tool "
                    + spec.getTool().wireName() + " (nubicustos.scan.tools." + spec.getTool().wireName() + ".allowed-images); "
                    + "remove it to use the operator's catalogue image"));
        }
        ScanPolicy.Caps caps = policy.caps(spec.getTool());
        resources(spec.getResources(), caps, found);
        if (spec.getTimeout() != null && exceeds(spec.getTimeout(), caps.maxTimeout())) {
            found.add(new Violation(LIMIT_EXCEEDED, "spec.timeout is longer than the cluster admin allows for this tool (" + human(caps.maxTimeout()) + ")"));
        }
        if (spec.getBackoffLimit() != null && spec.getBackoffLimit() > caps.maxBackoffLimit()) {
            found.add(new Violation(LIMIT_EXCEEDED, "spec.backoffLimit is above the cluster admin's limit for this tool of " + caps.maxBackoffLimit()));
        }
        if (spec.getSchedule() != null && runsTooOften(spec, policy.minScheduleInterval())) {
            found.add(new Violation(SCHEDULE_TOO_FREQUENT, "spec.schedule runs more often than the cluster admin allows (at most once every "
                    + human(policy.minScheduleInterval()) + ")"));
        }
        return found;
    }

    /** Whether an image reference names its content (registry/repo[:tag]@sha256:…), not a tag that can be moved. */
    public static boolean pinned(String image) {
        return image != null && image.matches("^[^@\\s]+@sha256:[a-f0-9]{64}$");
    }

    private static void resources(ResourceRequirements resources, ScanPolicy.Caps caps, List<Violation> found) {
        if (resources == null) {
            return;
        }
        for (Map<String, Quantity> amounts : java.util.Arrays.asList(resources.getRequests(), resources.getLimits())) {
            if (amounts == null) {
                continue;
            }
            if (larger(amounts.get("cpu"), caps.maxCpu())) {
                found.add(new Violation(LIMIT_EXCEEDED, "spec.resources asks for more CPU than the cluster admin allows for this tool (" + caps.maxCpu() + ")"));
                return;
            }
            if (larger(amounts.get("memory"), caps.maxMemory())) {
                found.add(new Violation(LIMIT_EXCEEDED, "spec.resources asks for more memory than the cluster admin allows for this tool (" + caps.maxMemory() + ")"));
                return;
            }
        }
    }

    private static boolean larger(Quantity asked, Quantity cap) {
        try {
            return asked != null && asked.getNumericalAmount().compareTo(cap.getNumericalAmount()) > 0;
        } catch (ArithmeticException | IllegalArgumentException e) {
            // Not a quantity: the schema refuses it; here it is not within the caps either.
            return true;
        }
    }

    private static boolean exceeds(String duration, Duration cap) {
        try {
            return Durations.parse(duration).compareTo(cap) > 0;
        } catch (IllegalArgumentException e) {
            return false; // Malformed: the spec's own validation says so.
        }
    }

    private static boolean runsTooOften(ScanJobSpec spec, Duration minimum) {
        try {
            return CronSchedule.parse(spec.getSchedule(), spec.getTimeZone()).shortestInterval(SCHEDULE_REFERENCE, SCHEDULE_SAMPLE)
                    .compareTo(minimum) < 0;
        } catch (IllegalArgumentException e) {
            return false; // Malformed: the spec's own validation says so.
        }
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
