package io.driftwatch.monitor;

import io.driftwatch.DriftwatchException;

/**
 * A monitor, dataset or check that a request names does not exist.
 *
 * <p>Thread-safe: immutable.
 */
public final class NotFoundException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public NotFoundException(String what, String id, String field) {
        this("no " + what + " with id '" + id + "'", field);
    }

    private NotFoundException(String message, String field) {
        super(message);
        this.field = field;
    }

    /** A failed check has no result and no report. */
    public static NotFoundException failedCheck(String id, String error, String what) {
        return new NotFoundException("check " + id + " could not run, so it has no " + what + ": " + error, what);
    }

    /** The request field or path parameter that named the missing thing, e.g. {@code datasetId}. */
    public String field() {
        return field;
    }
}
