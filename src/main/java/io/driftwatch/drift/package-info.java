/**
 * Drift analysis of a current batch against a reference profile: chooses a test per column with
 * Evidently's rules (or the monitor's overrides), runs the columns in parallel, applies thresholds,
 * an optional multiple-testing correction and the dataset drift-share policy, and returns a
 * {@link io.driftwatch.drift.DriftResult}. A column that cannot be tested becomes an error entry
 * with a plain reason; the other columns are still tested. The same on two sketch profiles
 * ({@link io.driftwatch.drift.SketchDrift}): a three-way verdict per column, and the drift section of a
 * check on sketches with its {@link io.driftwatch.drift.SketchDetails}. No I/O, no logging.
 */
package io.driftwatch.drift;
