package io.driftwatch.spark;

import io.driftwatch.DriftwatchException;

/**
 * A job was started with arguments it cannot run with: a flag it does not know, a value missing or
 * malformed, no input or two. The message names the flag. The jobs exit with status 2.
 *
 * <p>Thread-safe: immutable.
 */
public final class JobArgumentException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    public JobArgumentException(String message) {
        super(message);
    }
}
