package io.driftwatch.api.auth;

import java.util.UUID;

/**
 * Tokens for the service tests in this package, which start the service through {@link io.driftwatch.TestService}.
 *
 * <p>Thread-safe: stateless.
 */
final class Tokens {
    private Tokens() {
    }

    /** A token as {@code driftwatch token} makes them (random, prefixed), for a test. */
    static String newToken() {
        return "dw_" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }
}
