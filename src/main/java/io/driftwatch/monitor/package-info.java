/**
 * Monitors and checks: a monitor definition (name, reference, column mapping, drift policy; the
 * same YAML or JSON document for the CLI and the API), and the {@link io.driftwatch.monitor.CheckRunner}
 * that evaluates one current batch against a reference with it. This is the one layer that knows
 * about reading, profiling, drift analysis and the report model together. It also keeps monitors and
 * their checks (through {@code store}), applies the alert and retraining policy (incidents, the
 * outbox), and runs scheduled monitors: {@link io.driftwatch.monitor.Scheduler} finds due slots,
 * {@link io.driftwatch.monitor.ScheduledChecks} claims and runs one, reading from a source
 * ({@code monitor.source}). Rendering (HTML, JSON) belongs in {@code report}, argument parsing in
 * {@code cli} and {@code api}.
 */
package io.driftwatch.monitor;
