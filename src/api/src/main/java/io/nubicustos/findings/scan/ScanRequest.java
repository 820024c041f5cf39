package io.nubicustos.findings.scan;

import io.nubicustos.api.v1alpha1.scanjob.ScanJobSpec;

/** A scan to start: the ScanJob to create, validated like the CRD before it reaches the cluster. */
public record ScanRequest(String namespace, String name, ScanJobSpec spec) {
}
