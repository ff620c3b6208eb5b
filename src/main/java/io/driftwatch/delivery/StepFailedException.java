package io.driftwatch.delivery;

import io.driftwatch.DriftwatchException;
import java.util.Objects;

/**
 * One call of a send failed, and the send stops with {@link #outcome()} ({@link Outcome.Retry} or
 * {@link Outcome.Failed}). Thrown by {@link HttpTransport#exchange} and by a receiver's own steps, so a
 * multi-step send (MLflow) reads as the happy path; {@link Receiver#send} catches it and returns the
 * outcome, it never leaves a receiver.
 *
 * <p>Thread-safe: immutable.
 */
public final class StepFailedException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    private final transient Outcome outcome;

    /** @throws IllegalArgumentException for {@link Outcome.Delivered}, which is no failure */
    public StepFailedException(Outcome outcome) {
        super(Objects.requireNonNull(outcome, "outcome").reason());
        if (outcome instanceof Outcome.Delivered) {
            throw new IllegalArgumentException("a delivered outcome is not a failure");
        }
        this.outcome = outcome;
    }

    /** Stops with a retry after the outbox's own back-off. */
    public static StepFailedException retry(String reason) {
        return new StepFailedException(new Outcome.Retry(reason));
    }

    /** Stops for good; no HTTP answer decided it. */
    public static StepFailedException failed(String reason) {
        return new StepFailedException(new Outcome.Failed(reason));
    }

    /** Retry or failed. */
    public Outcome outcome() {
        return outcome;
    }
}
