/**
 * What every analysis of a check shares, and nothing else: the {@link io.driftwatch.analysis.Analysis}
 * a check runs, the {@link io.driftwatch.analysis.CheckData} it runs on (the reference profile, the
 * current table and its column types) and the {@link io.driftwatch.analysis.Section} of the result
 * it returns. The analyses themselves ({@code drift}, and the quality, integrity, estimate and
 * multivariate analyses to come) are packages of their own on the floor above, independent of each
 * other; the monitor layer registers them, the report layer renders their sections. No I/O, no
 * logging.
 */
package io.driftwatch.analysis;
