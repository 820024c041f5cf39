package io.nubicustos.api.v1alpha1.scanjob;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Quantity;

/**
 * What the cluster admin lets a ScanJob ask for, beyond what its schema allows: which images
 * {@code spec.image} may name (per tool, pinned by digest) and how much a scan may take. The
 * operator, the findings API and the chart's ValidatingAdmissionPolicy enforce the same policy
 * (the chart renders all three from one set of values).
 *
 * @param allowedImages per tool (its spec.tool name), the images spec.image may be; none: spec.image is refused
 * @param caps the most one scan may take
 * @param minScheduleInterval the shortest time a schedule may leave between two runs
 * @param toolCaps per tool (its spec.tool name), caps that replace {@code caps} for that tool
 */
public record ScanPolicy(Map<String, List<String>> allowedImages, Caps caps, Duration minScheduleInterval, Map<String, Caps> toolCaps) {

    public ScanPolicy {
        allowedImages = Map.copyOf(allowedImages);
        toolCaps = Map.copyOf(toolCaps);
    }

    public ScanPolicy(Map<String, List<String>> allowedImages, Caps caps, Duration minScheduleInterval) {
        this(allowedImages, caps, minScheduleInterval, Map.of());
    }

    /** The caps of one tool: its own where the admin set them, else everyone's. */
    public Caps caps(Tool tool) {
        return tool == null ? caps : toolCaps.getOrDefault(tool.wireName(), caps);
    }

    /**
     * @param maxCpu the largest CPU request or limit of the tool container
     * @param maxMemory the largest memory request or limit of the tool container
     * @param maxTimeout the longest spec.timeout
     * @param maxBackoffLimit the most retries (spec.backoffLimit)
     */
    public record Caps(Quantity maxCpu, Quantity maxMemory, Duration maxTimeout, int maxBackoffLimit) {

        /** These caps with the ones a tool's configuration sets replacing them. */
        public Caps overriddenBy(java.util.Optional<String> cpu, java.util.Optional<String> memory, java.util.Optional<Duration> timeout,
                java.util.Optional<Integer> backoffLimit) {
            return new Caps(cpu.map(Quantity::new).orElse(maxCpu), memory.map(Quantity::new).orElse(maxMemory), timeout.orElse(maxTimeout),
                    backoffLimit.orElse(maxBackoffLimit));
        }
    }

    public List<String> allowedImages(Tool tool) {
        return allowedImages.getOrDefault(tool.wireName(), List.of());
    }
}
