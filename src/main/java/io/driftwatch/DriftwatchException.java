package io.driftwatch;

/**
 * The one unchecked base of every exception Driftwatch throws on purpose. Subclasses are named for
 * what failed (an unreadable dataset, a schema mismatch, too little data), and their messages are
 * written for the user who has to fix the input: which file, line or record batch, and column.
 *
 * <p>Thread-safe: immutable.
 */
public class DriftwatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DriftwatchException(String message) {
        super(message);
    }

    public DriftwatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
