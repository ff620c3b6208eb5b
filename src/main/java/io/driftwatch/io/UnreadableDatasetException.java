package io.driftwatch.io;

import io.driftwatch.DriftwatchException;

/**
 * A batch cannot be read: malformed CSV or Arrow, bad encoding, a value that does not fit its
 * column. The message names the source, the line (CSV, 1-based, header is line 1) or record batch
 * (Arrow, 0-based), and the column where one is known.
 */
public class UnreadableDatasetException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    public UnreadableDatasetException(String message) {
        super(message);
    }

    public UnreadableDatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
