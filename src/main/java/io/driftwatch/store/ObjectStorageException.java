package io.driftwatch.store;

import io.driftwatch.DriftwatchException;

/**
 * An object in S3-compatible storage could not be read, listed or written. The message names the
 * {@code s3://} URL, the bucket and key, the endpoint, and what the storage said (its error code, such
 * as {@code NoSuchKey} or {@code AccessDenied}, and its message), or that the endpoint could not be
 * reached.
 *
 * <p>Thread-safe: immutable.
 */
public class ObjectStorageException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    private final String errorCode;

    ObjectStorageException(String message, String errorCode, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /**
     * What the storage answered, e.g. {@code NoSuchKey}, {@code NoSuchBucket}, {@code AccessDenied},
     * {@code InvalidAccessKeyId}, {@code SignatureDoesNotMatch}; {@code Unreachable} when no answer came;
     * {@code Timeout} when a {@linkplain S3Objects#probe probe} got none in time.
     */
    public String errorCode() {
        return errorCode;
    }
}
