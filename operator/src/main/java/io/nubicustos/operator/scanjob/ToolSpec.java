package io.nubicustos.operator.scanjob;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.nubicustos.api.v1alpha1.scanjob.Tool;

/**
 * What one run of one tool needs, resolved from the catalogue for a provider and profile.
 *
 * @param image the tool image; empty for the built-in kubernetes audit, which has no tool container
 * @param arguments the catalogue's arguments for the provider and profile, before regions and spec.args
 * @param namespaceFlag the flag that limits a tool reading the Kubernetes API to one namespace
 */
public record ToolSpec(Tool tool, Optional<String> image, List<String> command, List<String> arguments,
        Optional<String> regionFlag, Optional<String> namespaceFlag, String reportFile, boolean needsKubernetesApi, boolean hostAccess,
        Duration timeout, ResourceRequirements resources) {

    public boolean builtIn() {
        return image.isEmpty();
    }

    /** The deadline of one run: spec.timeout when set, else the tool's own. */
    public Duration deadline(io.nubicustos.api.v1alpha1.scanjob.ScanJobSpec spec) {
        return spec.getTimeout() != null ? io.nubicustos.api.v1alpha1.common.Durations.parse(spec.getTimeout()) : timeout;
    }
}
