package io.driftwatch.trigger;

import io.driftwatch.DriftwatchException;
import java.util.Objects;

/**
 * One call of a send failed, and the send stops with {@link #outcome()} ({@link Delivery.Retry}
 * or {@link Delivery.Failed}). Thrown inside this package only, so a multi-step send (MLflow)
 * reads as the happy path; {@link Trigger#send} catches it and returns the outcome.
 *
 * <p>Thread-safe: immutable.
 */
final class StepFailedException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    private final transient Delivery outcome;

    StepFailedException(Delivery outcome) {
        super(reasonOf(outcome));
        if (outcome instanceof Delivery.Delivered) {
            throw new IllegalArgumentException("a delivered outcome is not a failure");
        }
        this.outcome = outcome;
    }

    static StepFailedException retry(String reason) {
        return new StepFailedException(new Delivery.Retry(null, reason));
    }

    static StepFailedException failed(String reason) {
        return new StepFailedException(new Delivery.Failed(reason));
    }

    /** Retry or failed. */
    Delivery outcome() {
        return outcome;
    }

    private static String reasonOf(Delivery outcome) {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome instanceof Delivery.Retry r) {
            return r.reason();
        }
        if (outcome instanceof Delivery.Failed f) {
            return f.reason();
        }
        return "delivered";
    }
}
