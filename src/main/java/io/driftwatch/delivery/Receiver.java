package io.driftwatch.delivery;

/**
 * An alert channel or a retraining trigger, as the outbox sees it: a configured name, a type, and a
 * {@link #send} of a payload rendered earlier (by {@code render} on the channel or trigger, when the
 * event was recorded), as many times as it takes. Built by a {@link ReceiverFactory}; the only
 * addresses it calls come from that configuration.
 *
 * <p>Implementations are thread-safe: the outbox sends to several receivers at once.
 */
public interface Receiver {

    /** The configured name, unique among its kind (monitors refer to it). */
    String name();

    /** The configured {@code type:} ({@code slack}, {@code pagerduty}, {@code mlflow}, …). */
    String type();

    /**
     * Sends a payload this receiver rendered (possibly in an earlier process), adding secrets,
     * signatures and addresses now. Safe to repeat for one payload: the idempotency key, or an id the
     * receiver derives from the event, keeps a retry from acting twice. Never throws for network or
     * receiver trouble, nor for a stored payload it cannot read: the outcome says what happened. Each
     * call it makes is bounded by the configured timeouts. An interrupt ends the attempt as a
     * {@link Outcome.Retry} with the thread's interrupt flag set again.
     *
     * @param idempotencyKey the outbox row's key, the same on every attempt of one delivery: 1 to 255
     *     characters from {@code A-Z a-z 0-9 _ - :} (see {@link HttpTransport#requireIdempotencyKey})
     * @throws IllegalArgumentException when a receiver that sends the key finds it not of that form
     */
    Outcome send(Payload payload, String idempotencyKey);
}
