package io.nubicustos.operator.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * How scans run: the tool catalogue and the limits around it. Defaults live in
 * application.yaml; Helm overrides any of them (a values file becomes a config file).
 */
@ConfigMapping(prefix = "nubicustos.scan")
public interface ScanSettings {

    /** Cluster-wide limit on active scan Jobs; the rest queue, fairly across namespaces and credentials. */
    @WithDefault("10")
    int maxRunning();

    /** Whether tools that need host access (kube-bench) may run at all; a ScanJob must also ask (spec.hostAccess). */
    @WithDefault("false")
    boolean allowPrivilegedTools();

    /** This project's scanner image: the main container of every scan pod. */
    String scannerImage();

    /** Base URL of the findings API, as scan pods reach it. */
    String apiUrl();

    /** UID scan containers run as (never 0). */
    @WithDefault("65532")
    long runAsUser();

    /** ServiceAccount of the built-in kubernetes audit (read-only ClusterRole, nothing on Secrets' data). */
    @WithDefault("nubicustos-audit")
    String auditServiceAccount();

    /** ClusterRole (installed by the chart) the audit ServiceAccount is bound to. */
    @WithDefault("nubicustos-audit")
    String auditClusterRole();

    /** Secret (in the operator's namespace) holding the key upload tokens are signed with; created if absent. */
    @WithDefault("nubicustos-upload-key")
    String uploadKeySecret();

    /** Namespace of the operator, where the upload key lives. */
    @WithDefault("nubicustos-system")
    String operatorNamespace();

    /**
     * Namespaces whose scans may read the whole cluster (the chart binds their audit ServiceAccount
     * cluster-wide); absent means the operator's own. Scans anywhere else read their own namespace only.
     */
    Optional<List<String>> clusterScopeNamespaces();

    /** Validity of a run's upload token beyond the run's own timeout. */
    @WithDefault("30m")
    Duration uploadTokenGrace();

    /** Longest wait between two looks at a scheduled ScanJob (clock jumps, missed events). */
    @WithDefault("5m")
    Duration scheduleCheckInterval();

    /** Resources of the scanner (reporter) container. */
    Resources scannerResources();

    /** The tools, by their spec.tool name. */
    Map<String, Tool> tools();

    /** The most one scan may ask for; the chart's admission policy and the findings API enforce the same. */
    Limits limits();

    interface Limits {

        /** The largest CPU request or limit of a tool container (spec.resources). */
        @WithDefault("4")
        String maxCpu();

        /** The largest memory request or limit of a tool container. */
        @WithDefault("8Gi")
        String maxMemory();

        /** The longest spec.timeout. */
        @WithDefault("6h")
        Duration maxTimeout();

        /** The most retries of a run (spec.backoffLimit). */
        @WithDefault("3")
        int maxBackoffLimit();

        /** The shortest time a schedule may leave between two runs. */
        @WithDefault("1h")
        Duration minScheduleInterval();
    }

    /** A tool's caps; each one absent is everyone's ({@link Limits}). */
    interface ToolLimits {

        Optional<String> maxCpu();

        Optional<String> maxMemory();

        Optional<Duration> maxTimeout();

        Optional<Integer> maxBackoffLimit();
    }

    interface Tool {

        /**
         * The catalogue's image: repository:tag@sha256:digest (the tag for people, the digest for what
         * runs); a tag alone works but the ScanJob says ImagePinned=False. Absent for the built-in audit.
         */
        Optional<String> image();

        /** Images (pinned by digest) a ScanJob's spec.image may name instead of {@link #image()}; none by default. */
        Optional<List<String>> allowedImages();

        /** This tool's own caps, each replacing the one of {@link ScanSettings#limits()}. */
        ToolLimits limits();

        /** Entrypoint of the tool container. */
        Optional<List<String>> command();

        /** Arguments per provider the tool supports. */
        Map<String, ProviderArgs> providers();

        /** The report the tool writes, relative to /results. */
        @WithDefault("report.json")
        String reportFile();

        /** Whether the tool reads the Kubernetes API (then its pod gets a ServiceAccount token). */
        @WithDefault("false")
        boolean needsKubernetesApi();

        /** Whether the tool needs host access (hostPID, host paths): kube-bench. */
        @WithDefault("false")
        boolean hostAccess();

        /** Default deadline of one run when spec.timeout is not set. */
        @WithDefault("1h")
        Duration timeout();

        /** Default resources of the tool container (spec.resources overrides). */
        Resources resources();
    }

    interface ProviderArgs {

        /** Arguments for every profile. */
        Optional<List<String>> common();

        Optional<List<String>> quick();

        Optional<List<String>> comprehensive();

        @WithName("compliance-only")
        Optional<List<String>> complianceOnly();

        /** The tool's flag that limits it to one namespace (given the ScanJob's own outside cluster-scope namespaces). */
        Optional<String> namespaceFlag();

        /** Whether the tool reads the Kubernetes API for this provider only (e.g. Prowler on kubernetes). */
        @WithDefault("false")
        boolean needsKubernetesApi();

        /** Flag that precedes the list of spec.regions, e.g. --region; absent: regions are not passed. */
        Optional<String> regionFlag();
    }

    interface Resources {

        @WithDefault("100m")
        String cpuRequest();

        @WithDefault("256Mi")
        String memoryRequest();

        @WithDefault("1")
        String cpuLimit();

        @WithDefault("1Gi")
        String memoryLimit();
    }
}
