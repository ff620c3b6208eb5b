package io.driftwatch.io;

/**
 * A batch is past one of the limits on what a batch may hold (columns, characters per cell): the
 * message names where (line, column), the limit and the setting that changes it. A kind of
 * {@link UnreadableDatasetException}, so whoever handles unreadable batches handles it too; the API
 * answers it 413 rather than 422.
 */
public class DatasetLimitException extends UnreadableDatasetException {
    private static final long serialVersionUID = 1L;

    private final Limit limit;

    public DatasetLimitException(String message, Limit limit) {
        super(message);
        this.limit = limit;
    }

    public DatasetLimitException(String message, Limit limit, Throwable cause) {
        super(message, cause);
        this.limit = limit;
    }

    /** The limit the batch is past. */
    public Limit limit() {
        return limit;
    }
}
