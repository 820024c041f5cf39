package io.nubicustos.operator.networksegment;

import java.util.Map;

import io.nubicustos.operator.config.SegmentSettings;

/** The cluster's shared services, as the renderers need them; a plain value so renderers stay pure. */
public record SegmentEnvironment(Map<String, String> dnsNamespaceLabels, Map<String, String> dnsPodLabels,
        Map<String, String> proxyNamespaceLabels, Map<String, String> proxyPodLabels,
        Map<String, String> apiNamespaceLabels, Map<String, String> apiPodLabels, int apiPort,
        String clusterDomain, int certificateRevisionHistoryLimit) {

    public static SegmentEnvironment of(SegmentSettings s) {
        return new SegmentEnvironment(s.dnsNamespaceLabels(), s.dnsPodLabels(), s.proxyNamespaceLabels(), s.proxyPodLabels(),
                s.apiNamespaceLabels(), s.apiPodLabels(), s.apiPort(), s.clusterDomain(), s.certificateRevisionHistoryLimit());
    }
}
