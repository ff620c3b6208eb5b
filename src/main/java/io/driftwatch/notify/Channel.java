package io.driftwatch.notify;

import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import io.driftwatch.delivery.Receiver;

/**
 * One configured alert receiver (a Slack channel's webhook, a Teams workflow, a PagerDuty service,
 * a webhook endpoint). Built by a {@link ChannelFactory} from configuration; the only URL it ever
 * calls is the configured one.
 *
 * <p>Delivery is two steps so that it can go through a durable outbox: {@link #render} when the
 * check is recorded (the payload is stored with an idempotency key), {@link #send} later from a
 * worker, as many times as it takes. A channel that sends the idempotency key checks its form and
 * throws {@link IllegalArgumentException} for a bad one (the generic webhook sends it as
 * {@code webhook-id}, which the Standard Webhooks signature scheme forbids to contain a full stop).
 *
 * <p>What a channel needs from its callers it says through capabilities such as
 * {@link #alwaysToldOfResolve()}, never through its {@link #type()}.
 *
 * <p>Implementations are thread-safe: immutable, sharing one thread-safe HTTP client.
 */
public interface Channel extends Receiver {

    /**
     * The exact JSON this channel sends for {@code event}. Deterministic (the same event gives the
     * same bytes) and free of secrets, so it can be stored. Makes no network call.
     */
    Payload render(AlertEvent event);

    /**
     * Whether the receiver keeps an incident open until it is told the incident is resolved (PagerDuty):
     * it then hears of every resolve, whatever the policy's {@code notifyResolved} says, and a test alert
     * (which opens a real incident there) is followed at once by its resolve. False by default.
     */
    default boolean alwaysToldOfResolve() {
        return false;
    }

    /** {@inheritDoc} A delivery is one POST: its {@link Outcome} carries the receiver's HTTP status. */
    @Override
    Outcome send(Payload payload, String idempotencyKey);
}
