package io.driftwatch.trigger;

import io.driftwatch.DriftwatchException;

/**
 * A stored payload that a trigger cannot send: not JSON, or not the shape the trigger renders
 * (rendered by another trigger type, or damaged in storage). Sending it again would not help.
 *
 * <p>Thread-safe: immutable.
 */
public final class InvalidPayloadException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    public InvalidPayloadException(String message) {
        super(message);
    }
}
