package io.driftwatch.api.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.driftwatch.api.Roles;
import java.util.Locale;

/**
 * The role a configured token has: {@code read} (the API's reads, the dashboard, the reports) or
 * {@code write} (uploads, monitors, checks, and everything {@code read} may do).
 *
 * <p>Thread-safe: immutable.
 */
public enum Role {
    READ(Roles.READ),
    WRITE(Roles.WRITE);

    private final String label;

    Role(String label) {
        this.label = label;
    }

    /** Whether a token with this role may call a method that allows {@code allowed} ({@link Roles}). */
    boolean grants(String allowed) {
        return this == WRITE ? Roles.WRITE.equals(allowed) || Roles.READ.equals(allowed) : Roles.READ.equals(allowed);
    }

    /** The role named {@code label} in a configuration file, in any case. */
    @JsonCreator
    public static Role of(String label) {
        for (Role r : values()) {
            if (r.label.equals(label.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + label + "'; valid roles: read, write");
    }

    /** The name in configuration files and {@code @RolesAllowed}: {@code read} or {@code write}. */
    @JsonValue
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
