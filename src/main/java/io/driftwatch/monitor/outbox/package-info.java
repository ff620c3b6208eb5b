/**
 * The outbox: {@link io.driftwatch.monitor.outbox.OutboxWorker} sends the alerts and retraining
 * triggers queued with each check, in order per receiver, retrying with back-off, and
 * {@link io.driftwatch.monitor.outbox.Deliveries} shows them to users (a monitor's deliveries, the
 * failed ones) and retries a failed one by hand. Deciding what to queue belongs in {@code policy}, the channels and triggers themselves in
 * {@code notify} and {@code trigger}. This package sits on top of {@code checks} and {@code policy};
 * nothing else in {@code monitor} depends on it.
 */
package io.driftwatch.monitor.outbox;
