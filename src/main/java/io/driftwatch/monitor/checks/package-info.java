/**
 * Running and recording checks, and the monitors and datasets they need: the intake that takes a
 * batch in and parses it once ({@link io.driftwatch.monitor.checks.DatasetIntake}), the
 * {@link io.driftwatch.monitor.checks.MonitorCatalog} of monitors and their reference profiles, the
 * {@link io.driftwatch.monitor.checks.CheckRunner} that runs a monitor's analyses on a table (or its drift
 * analysis on sketch profiles, for a batch or a reference that is one), the
 * recorder that stores a check with its incidents and outbox rows in one transaction,
 * {@link io.driftwatch.monitor.checks.Checks} that ties them together for the API and the scheduler,
 * the bounded queue in front of it, and the history that reads checks back. What the policy decides
 * about a check belongs in {@code policy} (used from here); when checks run on their own (slots,
 * sources, chunks) in {@code schedule}, and delivering alerts in {@code outbox}, both of which use
 * this package and are never used by it.
 */
package io.driftwatch.monitor.checks;
