package io.driftwatch.store;

import io.driftwatch.DriftwatchException;

/**
 * A blob was longer than the limit it was stored with; nothing of it was kept.
 *
 * <p>Thread-safe: immutable.
 */
public class BlobTooLargeException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    private final long limit;

    BlobTooLargeException(long limit) {
        super("the body is larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    /** The exception for a body announced (by its length) to be past {@code limit} bytes. */
    public static BlobTooLargeException ofLimit(long limit) {
        return new BlobTooLargeException(limit);
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }
}
