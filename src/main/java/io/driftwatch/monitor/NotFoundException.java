package io.driftwatch.monitor;

import io.driftwatch.DriftwatchException;

/**
 * A monitor, dataset or check that a request names does not exist.
 *
 * <p>Thread-safe: immutable.
 */
public class NotFoundException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    private final String field;

    NotFoundException(String what, String id, String field) {
        super("no " + what + " with id '" + id + "'");
        this.field = field;
    }

    /** The request field or path parameter that named the missing thing, e.g. {@code datasetId}. */
    public String field() {
        return field;
    }
}
