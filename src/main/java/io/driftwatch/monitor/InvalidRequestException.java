package io.driftwatch.monitor;

import io.driftwatch.DriftwatchException;

/**
 * A request parameter is not valid (a page limit out of range, a cursor this service did not
 * issue, a body of the wrong kind).
 *
 * <p>Thread-safe: immutable.
 */
public final class InvalidRequestException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The parameter or field that is not valid. */
    public String field() {
        return field;
    }
}
