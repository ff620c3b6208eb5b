/**
 * Alert channels: Slack (incoming webhook, Block Kit), Microsoft Teams (Workflows webhook, Adaptive
 * Card 1.4), PagerDuty (Events API v2) and a generic webhook signed per the Standard Webhooks
 * specification. A {@link io.driftwatch.notify.Channel} works in two steps so that deliveries can go
 * through a durable outbox: {@code render} turns an {@link io.driftwatch.notify.AlertEvent} into the
 * receiver's exact JSON (stored, never holding a secret), and {@code send} delivers stored JSON,
 * adding secrets and signatures only at that moment, with a connect and a request timeout on every
 * call, and answers an {@link io.driftwatch.delivery.Outcome} (delivered, retry later, or failed for
 * good). Channels are configured by {@code type:} through {@link io.driftwatch.notify.ChannelFactory}.
 * The delivery model (payload, outcome, {@code Retry-After}, HTTP transport, redaction, the name and
 * timeouts every channel has) is shared with retraining triggers in {@code io.driftwatch.delivery}; a
 * channel states what it needs from the outbox and the incident policy through capabilities on
 * {@link io.driftwatch.notify.Channel} ({@code alwaysToldOfResolve()}).
 *
 * <p>What does not belong here: deciding when to alert (incident policy), the outbox table and its
 * worker, retry schedules (all in {@code monitor} and {@code store}), and retraining triggers
 * ({@code trigger}). This package sees {@code drift} and {@code data} records only; outbound URLs
 * come from configuration alone, never from request data.
 */
package io.driftwatch.notify;
