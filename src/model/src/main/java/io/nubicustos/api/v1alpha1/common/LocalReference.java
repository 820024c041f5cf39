package io.nubicustos.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A reference by name to another object: in the same namespace, or cluster-scoped. */
public class LocalReference {

    @Required
    @Pattern(Patterns.DNS_SUBDOMAIN)
    @Size(max = Bounds.NAME)
    @JsonPropertyDescription("Name of the referenced object.")
    private String name;

    public LocalReference() {
    }

    public LocalReference(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
