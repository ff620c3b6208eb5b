package io.driftwatch.store;

import io.driftwatch.DriftwatchException;

/**
 * The database cannot be opened: the server is down or unreachable, refuses the credentials, the
 * database does not exist, or (the embedded default) another process holds its file. The message is
 * one line naming the database and what to do.
 *
 * <p>Thread-safe: immutable.
 */
public class UnreachableDatabaseException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    UnreachableDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
