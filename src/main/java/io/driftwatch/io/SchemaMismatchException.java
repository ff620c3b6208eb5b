package io.driftwatch.io;

import io.driftwatch.DriftwatchException;

/**
 * The reference and current batches do not line up: a column missing on one side or a type
 * conflict. The message lists every problem, naming the column, what was expected and what was
 * found.
 */
public class SchemaMismatchException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    public SchemaMismatchException(String message) {
        super(message);
    }
}
