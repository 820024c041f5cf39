package io.nubicustos.api.v1alpha1.networksegment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.nubicustos.api.v1alpha1.common.Bounds;
import io.nubicustos.api.v1alpha1.common.Patterns;

/** The cert-manager issuer that signs the segment's certificates (the internal CA of Atlas). */
public class IssuerReference {

    @Required
    @Pattern(Patterns.DNS_SUBDOMAIN)
    @Size(max = Bounds.NAME)
    private String name;

    @Default("ClusterIssuer")
    @JsonPropertyDescription("Issuer (in each service's namespace) or ClusterIssuer.")
    private IssuerKind kind = IssuerKind.CLUSTER_ISSUER;

    @Default("cert-manager.io")
    @Pattern(Patterns.DNS_SUBDOMAIN)
    @Size(max = Bounds.NAME)
    private String group = "cert-manager.io";

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public IssuerKind getKind() {
        return kind;
    }

    public void setKind(IssuerKind kind) {
        this.kind = kind;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }
}
