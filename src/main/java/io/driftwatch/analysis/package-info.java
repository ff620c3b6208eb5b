/**
 * What every analysis of a check shares, and nothing else: the {@link io.driftwatch.analysis.Analysis}
 * a check runs, the {@link io.driftwatch.analysis.CheckData} it runs on (the reference profile, the
 * current table and its column types), the {@link io.driftwatch.analysis.Section} of the result
 * it returns, and the monitored model ({@link io.driftwatch.analysis.ModelSpec}: task, target,
 * prediction, probabilities, labels), which the quality, estimate and multivariate analyses all
 * read. The analyses themselves ({@code drift}, {@code quality}, {@code integrity}, {@code estimate},
 * {@code multivariate}) are packages of their own on the floor above, independent of each other; the
 * monitor layer registers them, the report layer renders their sections. No I/O, no logging.
 */
package io.driftwatch.analysis;
