package io.nubicustos.api.v1alpha1.scanjob;

import java.util.Map;
import java.util.Optional;

/**
 * The flags a ScanJob's {@code spec.args} may pass to each tool: ones that choose what is checked
 * and how findings are filtered. Everything else is refused, above all flags that send data out or
 * read configuration from elsewhere by design (Prowler's {@code --output-bucket}, Checkov's
 * {@code --bc-api-key} and {@code --external-checks-git}, Trivy's {@code --server} and
 * {@code --config}); the operator sets outputs, credentials and the namespace itself.
 */
public final class ToolFlags {

    /** Whether a flag takes values: as {@code --flag=value}, or as the arguments that follow it. */
    public enum Arity { NONE, VALUES }

    private static final Map<Tool, Map<String, Arity>> ALLOWED = Map.of(
            Tool.PROWLER, Map.of("--severity", Arity.VALUES, "--checks", Arity.VALUES, "--excluded-checks", Arity.VALUES,
                    "--services", Arity.VALUES, "--excluded-services", Arity.VALUES, "--compliance", Arity.VALUES,
                    "--categories", Arity.VALUES, "--status", Arity.VALUES, "--no-banner", Arity.NONE),
            Tool.SCOUTSUITE, Map.of("--services", Arity.VALUES, "--skip", Arity.VALUES, "--max-workers", Arity.VALUES),
            Tool.TRIVY, Map.of("--scanners", Arity.VALUES, "--severity", Arity.VALUES, "--skip-db-update", Arity.VALUES,
                    "--ignore-unfixed", Arity.NONE, "--pkg-types", Arity.VALUES, "--exclude-namespaces", Arity.VALUES,
                    "--timeout", Arity.VALUES, "--parallel", Arity.VALUES, "--disable-node-collector", Arity.NONE,
                    "--list-all-pkgs", Arity.NONE),
            Tool.KUBE_BENCH, Map.of("--targets", Arity.VALUES, "--benchmark", Arity.VALUES, "--version", Arity.VALUES,
                    "--check", Arity.VALUES, "--skip", Arity.VALUES, "--noremediations", Arity.NONE, "--nosummary", Arity.NONE,
                    "--nototals", Arity.NONE),
            Tool.KUBESCAPE, Map.of("--exclude-namespaces", Arity.VALUES, "--severity-threshold", Arity.VALUES,
                    "--compliance-threshold", Arity.VALUES, "--verbose", Arity.NONE),
            Tool.CHECKOV, Map.of("--framework", Arity.VALUES, "--skip-framework", Arity.VALUES, "--check", Arity.VALUES,
                    "--skip-check", Arity.VALUES, "--compact", Arity.NONE, "--quiet", Arity.NONE, "--soft-fail", Arity.NONE,
                    "--hard-fail-on", Arity.VALUES, "--soft-fail-on", Arity.VALUES),
            Tool.KUBERNETES, Map.of());

    private ToolFlags() {
    }

    /** The flag's arity, or empty when the tool does not allow it. */
    public static Optional<Arity> of(Tool tool, String flag) {
        return Optional.ofNullable(ALLOWED.getOrDefault(tool, Map.of()).get(flag));
    }

    public static java.util.Set<String> allowed(Tool tool) {
        return new java.util.TreeSet<>(ALLOWED.getOrDefault(tool, Map.of()).keySet());
    }
}
