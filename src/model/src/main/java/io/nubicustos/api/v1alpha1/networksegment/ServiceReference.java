package io.nubicustos.api.v1alpha1.networksegment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.nubicustos.api.v1alpha1.common.Bounds;
import io.nubicustos.api.v1alpha1.common.Patterns;

/** A Service of the segment that gets a certificate for its in-cluster DNS names. */
public class ServiceReference {

    @Required
    @Pattern(Patterns.DNS_LABEL)
    @Size(max = Bounds.LABEL)
    @JsonPropertyDescription("Service name.")
    private String name;

    @Required
    @Pattern(Patterns.DNS_LABEL)
    @Size(max = Bounds.LABEL)
    @JsonPropertyDescription("Namespace of the Service; must be one of the segment's namespaces.")
    private String namespace;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }
}
