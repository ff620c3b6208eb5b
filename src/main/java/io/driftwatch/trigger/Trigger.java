package io.driftwatch.trigger;

/**
 * A retraining trigger: renders events to payloads when they are recorded, and sends payloads
 * later, as many times as it takes. Built by a {@link TriggerFactory}.
 *
 * <p>{@link #send} is safe to repeat for one payload: a retry after a lost response, a timeout or
 * a crash between steps never starts a second run on the receiver (see each type's notes in
 * {@code docs/triggers.md} for how, and for GitHub's limits). Neither method throws for a
 * receiver's failure: the outcome says what happened.
 *
 * <p>Implementations are thread-safe: the outbox may send several payloads at once.
 */
public interface Trigger {

    /** The configured name, unique among triggers (monitors refer to it). */
    String name();

    /** The configured type: {@code mlflow}, {@code airflow}, {@code github} or {@code http}. */
    String type();

    /**
     * The payload to store for {@code event}: pure, no I/O, no secret, no address.
     */
    Payload render(RetrainEvent event);

    /**
     * Sends {@code payload}, with timeouts on every call.
     *
     * @param idempotencyKey the outbox's stable key for this delivery, the same on every attempt
     *     (sent as {@code Idempotency-Key} by the HTTP trigger; the others derive their own from
     *     the event, see {@code docs/triggers.md})
     * @return delivered, retry or failed; a payload this trigger cannot read is {@link Delivery.Failed}
     */
    Delivery send(Payload payload, String idempotencyKey);
}
