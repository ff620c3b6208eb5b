/**
 * Pure statistical drift tests, one final class per test, under Evidently's registry names
 * ({@link io.driftwatch.stats.DriftTests}). A test takes summaries, never a table: sorted finite
 * values ({@link io.driftwatch.stats.NumericSamples}) or aligned category counts
 * ({@link io.driftwatch.stats.CategoryCounts}), so the reference profile, a sketch or a Spark job
 * can feed the same code. A test returns an immutable {@link io.driftwatch.stats.TestResult}, or
 * throws a {@link io.driftwatch.stats.InsufficientDataException} (too little data) or
 * {@link io.driftwatch.stats.InapplicableTestException} (the test does not apply to this input)
 * with a plain reason. The same tests also run on summaries of the data, with an error bound and a
 * three-way {@link io.driftwatch.stats.Verdict} ({@link io.driftwatch.stats.SketchTests}: quantile
 * summaries such as a KLL sketch's, and label counts, exact or estimated). No I/O, no logging, no
 * Dropwizard.
 */
package io.driftwatch.stats;
