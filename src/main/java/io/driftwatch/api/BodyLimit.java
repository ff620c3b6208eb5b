package io.driftwatch.api;

import io.driftwatch.store.BlobTooLargeException;

/**
 * The request-body size limit ({@code api.maxBodySize}), checked against {@code Content-Length}
 * before a byte is read; bodies without one are cut off while they stream, by the store.
 *
 * <p>Thread-safe: immutable.
 */
public record BodyLimit(long maxBytes) {

    void check(Long contentLength) {
        if (contentLength != null && contentLength > maxBytes) {
            throw BlobTooLargeException.ofLimit(maxBytes);
        }
    }
}
