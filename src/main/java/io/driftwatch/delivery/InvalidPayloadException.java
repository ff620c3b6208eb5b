package io.driftwatch.delivery;

import io.driftwatch.DriftwatchException;

/**
 * A stored payload that a receiver cannot send: not JSON, or not the shape the receiver renders
 * (rendered by another type, or damaged in storage). Sending it again would not help, so it ends as
 * {@link Outcome.Failed}.
 *
 * <p>Thread-safe: immutable.
 */
public final class InvalidPayloadException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    public InvalidPayloadException(String message) {
        super(message);
    }
}
