/**
 * Applying a monitor's alert and retraining policy to a check: {@link io.driftwatch.monitor.policy.Incidents}
 * opens and resolves incidents and queues the alerts and triggers they call for (in the recorder's
 * transaction), {@link io.driftwatch.monitor.policy.Receivers} names the channels and triggers the
 * configuration declares, and {@link io.driftwatch.monitor.policy.ChannelProbe} sends a test alert.
 * The policy itself (what a definition says) is a value in {@code definitions}; running and storing
 * checks is {@code checks}' job, and sending what is queued is {@code outbox}'s. This package reads
 * definitions and the sections of a check's result only; it never runs a check.
 */
package io.driftwatch.monitor.policy;
