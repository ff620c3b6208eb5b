package io.driftwatch.api.auth;

import io.driftwatch.DriftwatchException;

/**
 * The configuration declares no tokens, yet the service would listen beyond the loopback
 * interface: it refuses to start rather than serve an open API to the network.
 *
 * <p>Thread-safe: immutable.
 */
public final class OpenAccessRefusedException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    OpenAccessRefusedException(String message) {
        super(message);
    }
}
