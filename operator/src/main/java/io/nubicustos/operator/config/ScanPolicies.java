package io.nubicustos.operator.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Quantity;
import io.nubicustos.api.v1alpha1.scanjob.ScanPolicy;
import io.nubicustos.api.v1alpha1.scanjob.ScanPolicyCheck;

/** The admin's scan policy, as the operator is configured with it (nubicustos.scan.limits, tools.*.allowed-images). */
public final class ScanPolicies {

    private ScanPolicies() {
    }

    /** The configured images (each catalogue tool's and the scanner's) that are pinned by tag alone. */
    public static int unpinnedImages(ScanSettings settings) {
        java.util.Set<String> images = new java.util.HashSet<>();
        settings.tools().values().forEach(t -> t.image().ifPresent(images::add));
        images.add(settings.scannerImage());
        return (int) images.stream().filter(i -> !ScanPolicyCheck.pinned(i)).count();
    }

    public static ScanPolicy of(ScanSettings settings) {
        Map<String, List<String>> allowed = new HashMap<>();
        settings.tools().forEach((tool, entry) -> allowed.put(tool, entry.allowedImages().orElse(List.of())));
        ScanSettings.Limits limits = settings.limits();
        ScanPolicy.Caps caps = new ScanPolicy.Caps(new Quantity(limits.maxCpu()), new Quantity(limits.maxMemory()),
                limits.maxTimeout(), limits.maxBackoffLimit());
        Map<String, ScanPolicy.Caps> toolCaps = new HashMap<>();
        settings.tools().forEach((tool, entry) -> toolCaps.put(tool, caps.overriddenBy(entry.limits().maxCpu(), entry.limits().maxMemory(),
                entry.limits().maxTimeout(), entry.limits().maxBackoffLimit())));
        return new ScanPolicy(allowed, caps, limits.minScheduleInterval(), toolCaps);
    }
}
