package io.nubicustos.operator.scanjob;

import java.util.List;
import java.util.Set;

import io.nubicustos.operator.config.ScanSettings;

/**
 * Where a scan that reads the Kubernetes API may read: the whole cluster from the namespaces the
 * admin lists (the chart binds their audit ServiceAccount cluster-wide), its own namespace from
 * every other one, so a tenant's ScanJob learns nothing of its neighbours.
 */
public record AuditScope(Set<String> clusterScopeNamespaces) {

    public AuditScope {
        clusterScopeNamespaces = Set.copyOf(clusterScopeNamespaces);
    }

    public static AuditScope of(ScanSettings settings) {
        return new AuditScope(Set.copyOf(settings.clusterScopeNamespaces().orElse(List.of(settings.operatorNamespace()))));
    }

    public boolean clusterWide(String namespace) {
        return clusterScopeNamespaces.contains(namespace);
    }
}
