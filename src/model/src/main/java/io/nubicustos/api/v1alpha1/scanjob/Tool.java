package io.nubicustos.api.v1alpha1.scanjob;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The scanners a ScanJob can run; {@code kubernetes} is the reporter's own audit. */
public enum Tool {
    @JsonProperty("prowler") PROWLER,
    @JsonProperty("scoutsuite") SCOUTSUITE,
    @JsonProperty("trivy") TRIVY,
    @JsonProperty("kube-bench") KUBE_BENCH,
    @JsonProperty("kubescape") KUBESCAPE,
    @JsonProperty("checkov") CHECKOV,
    @JsonProperty("kubernetes") KUBERNETES;

    /** The name users write in a spec. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
