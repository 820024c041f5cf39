package io.nubicustos.findings.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The X-API-Key header's value on its way to {@link ApiKeyIdentityProvider}; never printed. */
public final class ApiKeyCredential extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyCredential(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyCredential[" + ApiKeyHasher.idOf(key).orElse("?") + "]";
    }
}
