package io.driftwatch.store;

import io.driftwatch.DriftwatchException;

/**
 * The database lacks migrations the service needs, or its migration state cannot be read.
 *
 * <p>Thread-safe: immutable.
 */
public class UnmigratedDatabaseException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    UnmigratedDatabaseException(String message) {
        super(message);
    }

    UnmigratedDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
