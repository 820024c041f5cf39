package io.nubicustos.api.v1alpha1.networksegment;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a segment meets the outside world (Atlas: NAT egress for private subnets, ingress through a proxy). */
public enum ExternalAccess {
    /** Neither ingress from nor egress to the Internet. */
    @JsonProperty("none") NONE,
    /** Egress to the Internet (not to private ranges); no ingress. */
    @JsonProperty("nat") NAT,
    /** Ingress through the ingress proxy only, optionally limited to ingressAllowlist. */
    @JsonProperty("ingress") INGRESS
}
