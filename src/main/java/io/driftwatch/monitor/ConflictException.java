package io.driftwatch.monitor;

import io.driftwatch.DriftwatchException;

/**
 * A request conflicts with what is stored: a monitor name already taken, or a monitor changed by
 * another request meanwhile.
 *
 * <p>Thread-safe: immutable.
 */
public final class ConflictException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public ConflictException(String message, String field) {
        super(message);
        this.field = field;
    }

    /** The field that conflicts, e.g. {@code name}. */
    public String field() {
        return field;
    }
}
