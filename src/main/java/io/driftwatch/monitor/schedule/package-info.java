/**
 * Scheduled and backfilled checks: {@link io.driftwatch.monitor.schedule.Scheduler} finds the due
 * slots of scheduled monitors, {@link io.driftwatch.monitor.schedule.ScheduledChecks} claims a slot,
 * reads the new batch from the monitor's source, splits it into chunks, rolls the reference and
 * runs each chunk as a check through {@code checks}, and {@link io.driftwatch.monitor.schedule.RunHistory}
 * reads the runs back. What a schedule says is parsed in {@code definitions}, how a batch is read in
 * {@code sources}, how one check runs and is recorded in {@code checks}; nothing else in
 * {@code monitor} depends on this package.
 */
package io.driftwatch.monitor.schedule;
