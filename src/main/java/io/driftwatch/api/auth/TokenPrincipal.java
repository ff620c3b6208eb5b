package io.driftwatch.api.auth;

import java.security.Principal;

/**
 * Who made a request: the configured token it carried, by that token's name (never the token) and
 * role.
 *
 * <p>Thread-safe: immutable.
 */
record TokenPrincipal(String name, Role role) implements Principal {

    @Override
    public String getName() {
        return name;
    }
}
