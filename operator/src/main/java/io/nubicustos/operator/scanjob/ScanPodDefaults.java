package io.nubicustos.operator.scanjob;

import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The operator-wide parts of every scan pod, taken from configuration once. */
public record ScanPodDefaults(String scannerImage, String apiUrl, long runAsUser, String auditServiceAccount,
        ResourceRequirements scannerResources, AuditScope auditScope) {

    public ScanPodDefaults {
        if (runAsUser <= 0) {
            throw new IllegalArgumentException("scan containers must not run as root: runAsUser must be > 0");
        }
    }
}
