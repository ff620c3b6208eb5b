package io.driftwatch.monitor.sources;

import io.driftwatch.DriftwatchException;

/**
 * A source could not be read: a folder that is not there, a query that fails, a URL that answers an
 * error. The message says what, for the check that records it as failed; it never holds a secret.
 *
 * <p>Thread-safe: immutable.
 */
public final class SourceException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
