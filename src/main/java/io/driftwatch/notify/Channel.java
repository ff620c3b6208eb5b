package io.driftwatch.notify;

/**
 * One configured alert receiver (a Slack channel's webhook, a Teams workflow, a PagerDuty service,
 * a webhook endpoint). Built by a {@link ChannelFactory} from configuration; the only URL it ever
 * calls is the configured one.
 *
 * <p>Delivery is two steps so that it can go through a durable outbox: {@link #render} when the
 * check is recorded (the payload is stored with an idempotency key), {@link #send} later from a
 * worker, as many times as it takes.
 *
 * <p>Implementations are thread-safe: immutable, sharing one thread-safe HTTP client.
 */
public interface Channel {

    /** The configured name monitors refer to. */
    String name();

    /** The configured {@code type:} ({@code slack}, {@code teams}, {@code pagerduty}, {@code webhook}). */
    String type();

    /**
     * The exact JSON this channel sends for {@code event}. Deterministic (the same event gives the
     * same bytes) and free of secrets, so it can be stored. Makes no network call.
     */
    Payload render(AlertEvent event);

    /**
     * Sends a payload rendered by this channel's {@link #render} (possibly by an earlier process),
     * adding secrets and signatures now. Never throws for network or receiver trouble: that is a
     * {@link Delivery.Retry} or {@link Delivery.Failed}. Blocks for at most the configured connect
     * timeout plus request timeout. An interrupt ends the attempt as a {@code Retry} with the
     * thread's interrupt flag set again.
     *
     * @param idempotencyKey the outbox row's key, the same on every attempt of one delivery: 1 to 255
     *     characters from {@code A-Z a-z 0-9 _ - :} (the generic webhook sends it as {@code webhook-id},
     *     which the Standard Webhooks signature scheme forbids to contain a full stop)
     * @throws IllegalArgumentException when the key is not of that form
     */
    Delivery send(Payload payload, String idempotencyKey);
}
