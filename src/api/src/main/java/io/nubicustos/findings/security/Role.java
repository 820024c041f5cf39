package io.nubicustos.findings.security;

import java.util.Locale;
import java.util.Set;

/** What a key may do. Each role includes the ones below it: admin ⊃ operator ⊃ viewer. */
public enum Role {
    VIEWER,
    OPERATOR,
    ADMIN;

    public static final String VIEWER_NAME = "viewer";
    public static final String OPERATOR_NAME = "operator";
    public static final String ADMIN_NAME = "admin";

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role names a key of this role holds, for {@code @RolesAllowed}. */
    public Set<String> granted() {
        return switch (this) {
            case VIEWER -> Set.of(VIEWER_NAME);
            case OPERATOR -> Set.of(VIEWER_NAME, OPERATOR_NAME);
            case ADMIN -> Set.of(VIEWER_NAME, OPERATOR_NAME, ADMIN_NAME);
        };
    }

    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.id().equals(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be one of viewer, operator, admin");
    }
}
