/**
 * Drift analysis of a current batch against a reference profile: chooses a test per column with
 * Evidently's rules (or the monitor's overrides), runs the columns in parallel, applies thresholds,
 * an optional multiple-testing correction and the dataset drift-share policy, and returns a
 * {@link io.driftwatch.drift.DriftResult}. A column that cannot be tested becomes an error entry
 * with a plain reason; the other columns are still tested. No I/O, no logging.
 */
package io.driftwatch.drift;
