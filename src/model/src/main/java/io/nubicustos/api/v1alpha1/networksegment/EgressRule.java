package io.nubicustos.api.v1alpha1.networksegment;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.nubicustos.api.v1alpha1.common.Bounds;
import io.nubicustos.api.v1alpha1.common.Patterns;

/** Egress allowed from the segment's pods besides DNS, which is always allowed. */
public class EgressRule {

    @Required
    @Pattern(Patterns.IPV4_CIDR)
    @Size(max = Bounds.CIDR)
    @JsonPropertyDescription("Destination network, e.g. 10.50.0.0/24.")
    private String cidr;

    @Size(max = 16)
    @JsonPropertyDescription("CIDRs inside cidr that stay unreachable.")
    private List<@Size(max = Bounds.CIDR) String> except = new ArrayList<>();

    @Size(max = 16)
    @JsonPropertyDescription("Ports allowed; empty: every port.")
    private List<PortRule> ports = new ArrayList<>();

    public String getCidr() {
        return cidr;
    }

    public void setCidr(String cidr) {
        this.cidr = cidr;
    }

    public List<String> getExcept() {
        return except;
    }

    public void setExcept(List<String> except) {
        this.except = except;
    }

    public List<PortRule> getPorts() {
        return ports;
    }

    public void setPorts(List<PortRule> ports) {
        this.ports = ports;
    }
}
