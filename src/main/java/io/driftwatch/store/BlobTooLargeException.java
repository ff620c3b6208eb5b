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
    private final String setting;

    BlobTooLargeException(long limit) {
        this(limit, null, "the body is larger than the limit of " + limit + " bytes");
    }

    private BlobTooLargeException(long limit, String setting, String message) {
        super(message);
        this.limit = limit;
        this.setting = setting;
    }

    /** The exception for a body announced (by its length) to be past {@code limit} bytes. */
    public static BlobTooLargeException ofLimit(long limit) {
        return new BlobTooLargeException(limit);
    }

    /**
     * The exception for a body past {@code limit} bytes set by {@code setting}, with a message that
     * names both.
     */
    public static BlobTooLargeException ofSetting(long limit, String setting, String message) {
        return new BlobTooLargeException(limit, setting, message);
    }

    /**
     * The configuration key of the limit when the message names it; null for the request-body limit
     * whose message says only the number of bytes.
     */
    public String setting() {
        return setting;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }
}
