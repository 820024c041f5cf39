package io.nubicustos.findings.security;

import java.security.Principal;
import java.util.Optional;

/**
 * Who is calling: the key's id (safe to log), its role, and the namespace it is limited to.
 *
 * @param namespace the only namespace this key may read or act in; empty: all
 */
public record ApiPrincipal(String keyId, Role role, Optional<String> namespace) implements Principal {

    @Override
    public String getName() {
        return keyId;
    }

    /** The caller of the current request; only called behind {@code @RolesAllowed}, so one always exists. */
    public static ApiPrincipal of(io.quarkus.security.identity.SecurityIdentity identity) {
        ApiPrincipal principal = identity.getAttribute(ApiPrincipal.class.getName());
        if (principal == null) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        return principal;
    }

    /** Whether this key may see or act on something in {@code namespace}. */
    public boolean mayAccess(String namespace) {
        return this.namespace.isEmpty() || this.namespace.get().equals(namespace);
    }
}
