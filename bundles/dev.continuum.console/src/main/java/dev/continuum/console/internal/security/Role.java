package dev.continuum.console.internal.security;

import java.util.Locale;

/** The management plane's roles, each including the rights of the ones before it. */
public enum Role {
    /** Reads everything except users and the audit log. */
    VIEWER,
    /** Also changes assets, pipelines and models. */
    OPERATOR,
    /** Also changes configuration, packages and users; the Felix Web Console. */
    ADMIN;

    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code admin}, {@code operator} or {@code viewer}; an error names the accepted values. */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.id().equals(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "'; use admin, operator or viewer");
    }
}
