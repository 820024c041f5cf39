package io.nubicustos.api.v1alpha1.networksegment;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.nubicustos.api.v1alpha1.common.Bounds;
import io.nubicustos.api.v1alpha1.common.Patterns;

@ValidationRule(value = NetworkSegmentRules.ALLOWLIST_NEEDS_INGRESS, message = NetworkSegmentRules.ALLOWLIST_NEEDS_INGRESS_MESSAGE)
public class NetworkSegmentSpec {

    @Required
    @Pattern(Patterns.IPV4_CIDR)
    @Size(max = Bounds.CIDR)
    @JsonPropertyDescription("The segment's network, e.g. 10.40.0.0/24; segments may not overlap.")
    private String cidr;

    @Required
    @JsonPropertyDescription("Namespaces that belong to the segment.")
    private LabelSelector namespaceSelector;

    @Default("none")
    @JsonPropertyDescription("none, nat (egress to the Internet) or ingress (through the ingress proxy only).")
    private ExternalAccess externalAccess = ExternalAccess.NONE;

    @Size(max = 16)
    @JsonPropertyDescription("Other NetworkSegments whose pods may reach this one.")
    private List<@Size(max = Bounds.NAME) String> allowFrom = new ArrayList<>();

    @Size(max = 64)
    @JsonPropertyDescription("With externalAccess ingress: client CIDRs the proxy may forward from (Atlas's allowed_ip_range).")
    private List<@Size(max = Bounds.CIDR) String> ingressAllowlist = new ArrayList<>();

    @Size(max = 32)
    @JsonPropertyDescription("Egress besides DNS (always allowed) and the segment itself.")
    private List<EgressRule> egress = new ArrayList<>();

    @JsonPropertyDescription("cert-manager certificates for the segment's services.")
    private TlsSpec tls;

    public String getCidr() {
        return cidr;
    }

    public void setCidr(String cidr) {
        this.cidr = cidr;
    }

    public LabelSelector getNamespaceSelector() {
        return namespaceSelector;
    }

    public void setNamespaceSelector(LabelSelector namespaceSelector) {
        this.namespaceSelector = namespaceSelector;
    }

    public ExternalAccess getExternalAccess() {
        return externalAccess;
    }

    public void setExternalAccess(ExternalAccess externalAccess) {
        this.externalAccess = externalAccess;
    }

    public List<String> getAllowFrom() {
        return allowFrom;
    }

    public void setAllowFrom(List<String> allowFrom) {
        this.allowFrom = allowFrom;
    }

    public List<String> getIngressAllowlist() {
        return ingressAllowlist;
    }

    public void setIngressAllowlist(List<String> ingressAllowlist) {
        this.ingressAllowlist = ingressAllowlist;
    }

    public List<EgressRule> getEgress() {
        return egress;
    }

    public void setEgress(List<EgressRule> egress) {
        this.egress = egress;
    }

    public TlsSpec getTls() {
        return tls;
    }

    public void setTls(TlsSpec tls) {
        this.tls = tls;
    }
}
