package io.driftwatch.api;

import io.driftwatch.DriftwatchException;

/**
 * A monitor definition was longer than {@code api.maxMonitorDefinitionSize}; it was not parsed.
 *
 * <p>Thread-safe: immutable.
 */
final class DefinitionTooLargeException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    DefinitionTooLargeException(long limit, String key) {
        super("the monitor definition is larger than the limit of " + limit + " bytes (" + key + ")");
    }
}
