package io.nubicustos.operator.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the cluster's shared services are, as NetworkSegment policies must name them. */
@ConfigMapping(prefix = "nubicustos.segments")
public interface SegmentSettings {

    /** Labels of the namespace running cluster DNS. */
    Map<String, String> dnsNamespaceLabels();

    /** Labels of the cluster DNS pods. */
    Map<String, String> dnsPodLabels();

    /** Labels of the ingress proxy's namespace (Atlas: Caddy). */
    Map<String, String> proxyNamespaceLabels();

    /** Labels of the ingress proxy's pods. */
    Map<String, String> proxyPodLabels();

    /** Labels of the findings API's namespace, which scan pods upload to. */
    Map<String, String> apiNamespaceLabels();

    /** Labels of the findings API's pods. */
    Map<String, String> apiPodLabels();

    @WithDefault("8080")
    int apiPort();

    @WithDefault("cluster.local")
    String clusterDomain();

    /** cert-manager may be installed after the operator: a segment with spec.tls looks for its CRD this often. */
    @WithDefault("5m")
    Duration driftCheckInterval();

    @WithDefault("3")
    int certificateRevisionHistoryLimit();
}
