/**
 * What alert channels ({@code notify}) and retraining triggers ({@code trigger}) share, so that both
 * deliver through one model: a {@link io.driftwatch.delivery.Receiver} renders an event to a stored
 * {@link io.driftwatch.delivery.Payload} and later sends it, answering an
 * {@link io.driftwatch.delivery.Outcome} (delivered, retry later, or failed for good); one
 * {@link io.driftwatch.delivery.HttpTransport} makes every call (connect and request timeouts, no
 * redirects, {@code Retry-After} read by {@link io.driftwatch.delivery.RetryAfter}, secrets masked
 * by {@link io.driftwatch.delivery.Redaction}); and {@link io.driftwatch.delivery.ReceiverFactory}
 * is the configuration every channel and trigger starts from (name and timeouts).
 *
 * <p>What does not belong here: the receivers themselves and their events (in {@code notify} and
 * {@code trigger}, which both build on this package), the outbox table and its worker ({@code store},
 * {@code monitor}). This package depends on no other Driftwatch package but the root's exception base.
 */
package io.driftwatch.delivery;
