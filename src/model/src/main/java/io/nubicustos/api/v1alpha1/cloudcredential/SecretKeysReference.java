package io.nubicustos.api.v1alpha1.cloudcredential;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.nubicustos.api.v1alpha1.common.Bounds;
import io.nubicustos.api.v1alpha1.common.Patterns;

/** The Secret (same namespace) holding the credential, and which of its keys scans may mount. */
public class SecretKeysReference {

    @Required
    @Pattern(Patterns.DNS_SUBDOMAIN)
    @Size(max = Bounds.NAME)
    @JsonPropertyDescription("Name of the Secret in the CloudCredential's namespace.")
    private String name;

    @Size(max = 8)
    @JsonPropertyDescription("Keys of the Secret scans may use; empty: the provider's usual keys (credentials, config, key.json, kubeconfig...).")
    private List<@Size(max = Bounds.NAME) String> keys = new ArrayList<>();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getKeys() {
        return keys;
    }

    public void setKeys(List<String> keys) {
        this.keys = keys;
    }
}
