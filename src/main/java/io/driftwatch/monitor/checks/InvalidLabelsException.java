package io.driftwatch.monitor.checks;

import io.driftwatch.DriftwatchException;

/**
 * Posted labels that cannot be taken: a file without the id or the target column, or a row without an
 * id or a label, or one too long to keep. The message names the file's line (or row) and column; nothing
 * of the request is stored.
 *
 * <p>Thread-safe: immutable.
 */
public final class InvalidLabelsException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    private final String field;

    InvalidLabelsException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The monitor definition's field naming the column at fault: {@code model.id} or {@code model.target}. */
    public String field() {
        return field;
    }
}
