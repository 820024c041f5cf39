package io.nubicustos.findings.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Quantity;
import io.nubicustos.api.v1alpha1.scanjob.ScanPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The admin's scan policy, under the operator's names (the chart gives both the same file), so
 * that {@code POST /api/scans} refuses what the operator would block and admission would refuse.
 */
@ConfigMapping(prefix = "nubicustos.scan")
public interface ScanPolicyConfig {

    /** Per tool (spec.tool name): the digest-pinned images spec.image may name. */
    Map<String, ToolImages> tools();

    Limits limits();

    interface ToolImages {
        Optional<List<String>> allowedImages();

        /** This tool's own caps, each replacing the one of {@link ScanPolicyConfig#limits()}. */
        ToolLimits limits();
    }

    interface ToolLimits {
        Optional<String> maxCpu();

        Optional<String> maxMemory();

        Optional<Duration> maxTimeout();

        Optional<Integer> maxBackoffLimit();
    }

    interface Limits {
        @WithDefault("4")
        String maxCpu();

        @WithDefault("8Gi")
        String maxMemory();

        @WithDefault("6h")
        Duration maxTimeout();

        @WithDefault("3")
        int maxBackoffLimit();

        @WithDefault("1h")
        Duration minScheduleInterval();
    }

    default ScanPolicy policy() {
        Map<String, List<String>> allowed = new HashMap<>();
        tools().forEach((tool, images) -> allowed.put(tool, images.allowedImages().orElse(List.of())));
        ScanPolicy.Caps caps = new ScanPolicy.Caps(new Quantity(limits().maxCpu()), new Quantity(limits().maxMemory()),
                limits().maxTimeout(), limits().maxBackoffLimit());
        Map<String, ScanPolicy.Caps> toolCaps = new HashMap<>();
        tools().forEach((tool, t) -> toolCaps.put(tool, caps.overriddenBy(t.limits().maxCpu(), t.limits().maxMemory(), t.limits().maxTimeout(),
                t.limits().maxBackoffLimit())));
        return new ScanPolicy(allowed, caps, limits().minScheduleInterval(), toolCaps);
    }
}
