package io.nubicustos.findings.support;

import java.util.Optional;

import io.nubicustos.findings.security.ApiKeys;
import io.nubicustos.findings.security.Role;

/** Creates real stored keys for tests. */
public final class Keys {

    /** The admin key from the test configuration (application.properties, %test). */
    public static final String BOOTSTRAP = "test-bootstrap-admin-key-0123456789abcdef";

    private Keys() {
    }

    public static String create(ApiKeys keys, Role role, String namespace) {
        return keys.create(role, Optional.ofNullable(namespace), "test").key();
    }
}
