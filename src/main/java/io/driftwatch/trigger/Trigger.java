package io.driftwatch.trigger;

import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import io.driftwatch.delivery.Receiver;

/**
 * A retraining trigger: renders events to payloads when they are recorded, and sends payloads
 * later, as many times as it takes. Built by a {@link TriggerFactory}.
 *
 * <p>{@link #send} is safe to repeat for one payload: a retry after a lost response, a timeout or
 * a crash between steps never starts a second run on the receiver (see each type's notes in
 * {@code docs/triggers.md} for how, and for GitHub's limits). Neither method throws for a
 * receiver's failure: the {@link Outcome} says what happened; a payload this trigger cannot read is
 * {@link Outcome.Failed}. The HTTP trigger sends the outbox's key as {@code Idempotency-Key}; the
 * others derive their own from the event.
 *
 * <p>What a trigger needs from its callers it says through capabilities such as
 * {@link #wantsEveryCheck()}, never through its {@link #type()}.
 *
 * <p>Implementations are thread-safe: the outbox may send several payloads at once.
 */
public interface Trigger extends Receiver {

    /**
     * The payload to store for {@code event}: pure, no I/O, no secret, no address.
     */
    Payload render(RetrainEvent event);

    /**
     * Whether the trigger is sent every check of a monitor that routes to it
     * ({@link RetrainEvent.Kind#CHECK}), not only the breach that opens an incident (MLflow logs every
     * check as a run). False by default.
     */
    default boolean wantsEveryCheck() {
        return false;
    }
}
