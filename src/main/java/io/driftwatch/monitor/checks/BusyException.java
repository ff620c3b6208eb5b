package io.driftwatch.monitor.checks;

import io.driftwatch.DriftwatchException;
import java.time.Duration;

/**
 * The check queue is full: the caller should retry after {@link #retryAfter()}.
 *
 * <p>Thread-safe: immutable.
 */
public final class BusyException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    BusyException(int running, int queued, Duration retryAfter) {
        super("the service is busy: " + running + " checks running and " + queued
                + " waiting; retry in " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    /** How long to wait before retrying. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
