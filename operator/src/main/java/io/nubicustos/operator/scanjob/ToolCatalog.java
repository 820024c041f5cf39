package io.nubicustos.operator.scanjob;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.nubicustos.api.v1alpha1.common.Provider;
import io.nubicustos.api.v1alpha1.scanjob.Profile;
import io.nubicustos.api.v1alpha1.scanjob.Tool;
import io.nubicustos.operator.config.ScanSettings;

/** The configured tools, resolved for one provider and profile. */
@ApplicationScoped
public class ToolCatalog {

    private final ScanSettings settings;

    public ToolCatalog(ScanSettings settings) {
        this.settings = settings;
        List<String> missing = Arrays.stream(Tool.values()).map(Tool::wireName)
                .filter(name -> !settings.tools().containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("nubicustos.scan.tools lacks an entry for " + missing);
        }
    }

    /** The tool's spec for this provider and profile, or empty when the tool does not scan that provider. */
    public Optional<ToolSpec> resolve(Tool tool, Provider provider, Profile profile) {
        ScanSettings.Tool entry = settings.tools().get(tool.wireName());
        ScanSettings.ProviderArgs args = entry.providers().get(provider.name().toLowerCase(java.util.Locale.ROOT));
        if (args == null) {
            return Optional.empty();
        }
        List<String> arguments = new ArrayList<>(args.common().orElse(List.of()));
        arguments.addAll(switch (profile) {
            case QUICK -> args.quick().orElse(List.of());
            case COMPREHENSIVE -> args.comprehensive().orElse(List.of());
            case COMPLIANCE_ONLY -> args.complianceOnly().orElse(List.of());
        });
        return Optional.of(new ToolSpec(tool, entry.image(), entry.command().orElse(List.of()), List.copyOf(arguments),
                args.regionFlag(), args.namespaceFlag(), entry.reportFile(), entry.needsKubernetesApi() || args.needsKubernetesApi(), entry.hostAccess(), entry.timeout(),
                resources(entry.resources())));
    }

    /** The providers a tool supports, for error messages. */
    public List<String> providers(Tool tool) {
        return settings.tools().get(tool.wireName()).providers().keySet().stream().sorted().toList();
    }

    public ResourceRequirements scannerResources() {
        return resources(settings.scannerResources());
    }

    static ResourceRequirements resources(ScanSettings.Resources r) {
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(r.cpuRequest()))
                .addToRequests("memory", new Quantity(r.memoryRequest()))
                .addToLimits("cpu", new Quantity(r.cpuLimit()))
                .addToLimits("memory", new Quantity(r.memoryLimit()))
                .build();
    }
}
