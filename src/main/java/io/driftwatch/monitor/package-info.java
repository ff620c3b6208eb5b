/**
 * Monitors and checks: the one layer that knows about reading, the analyses, the report, the store
 * and the deliveries together. Its sub-packages keep the parts apart, and their dependencies point
 * one way (ArchitectureTest): {@code schedule} and {@code outbox} on top, then {@code checks}
 * (running and recording checks, the monitors the service keeps), {@code policy} (incidents, alerts
 * and retraining triggers), {@code definitions} (what a monitor says) and {@code sources} (where a
 * scheduled monitor reads from). This package itself holds only what every sub-package shares: the
 * exceptions a request can end in ({@link io.driftwatch.monitor.NotFoundException},
 * {@link io.driftwatch.monitor.ConflictException}, {@link io.driftwatch.monitor.InvalidRequestException})
 * and {@link io.driftwatch.monitor.Leftovers}, which clears at start-up what any of them left in the
 * data and reports directories; it depends on no sub-package. Rendering (HTML, JSON, text) belongs in
 * {@code report}, argument parsing in {@code cli} and {@code api}.
 */
package io.driftwatch.monitor;
