package io.nubicustos.api.v1alpha1.networksegment;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.nubicustos.api.v1alpha1.common.Bounds;
import io.nubicustos.api.v1alpha1.common.Patterns;

/**
 * Internal TLS for the segment's services. Keys are always ECDSA P-256, rotated on every
 * renewal: the algorithm is not a choice, so no segment can weaken it.
 */
@ValidationRule(value = NetworkSegmentRules.RENEW_BEFORE_SHORTER, message = NetworkSegmentRules.RENEW_BEFORE_SHORTER_MESSAGE)
public class TlsSpec {

    @Required
    @JsonPropertyDescription("cert-manager issuer signing the certificates.")
    private IssuerReference issuerRef;

    @Size(max = 64)
    @JsonPropertyDescription("Services that get a certificate (a cert-manager Certificate in the Service's namespace).")
    private List<ServiceReference> services = new ArrayList<>();

    @Pattern(Patterns.DURATION)
    @Size(max = Bounds.DURATION)
    @Default("24h")
    @JsonPropertyDescription("Certificate lifetime (Atlas: 24h).")
    private String duration = "24h";

    @Pattern(Patterns.DURATION)
    @Size(max = Bounds.DURATION)
    @Default("8h")
    @JsonPropertyDescription("Renew this long before expiry; shorter than duration.")
    private String renewBefore = "8h";

    @Default("false")
    @JsonPropertyDescription("Add the client auth usage (mutual TLS).")
    private Boolean clientAuth = false;

    public IssuerReference getIssuerRef() {
        return issuerRef;
    }

    public void setIssuerRef(IssuerReference issuerRef) {
        this.issuerRef = issuerRef;
    }

    public List<ServiceReference> getServices() {
        return services;
    }

    public void setServices(List<ServiceReference> services) {
        this.services = services;
    }

    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }

    public String getRenewBefore() {
        return renewBefore;
    }

    public void setRenewBefore(String renewBefore) {
        this.renewBefore = renewBefore;
    }

    public Boolean getClientAuth() {
        return clientAuth;
    }

    public void setClientAuth(Boolean clientAuth) {
        this.clientAuth = clientAuth;
    }
}
