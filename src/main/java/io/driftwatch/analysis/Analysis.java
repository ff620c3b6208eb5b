package io.driftwatch.analysis;

/**
 * One analysis of a check: drift, and (to come) model quality, data integrity, estimated performance,
 * multivariate drift. It runs on the check's data (the reference profile and the current table,
 * parsed once for all analyses) and returns its own section of the result. A column or a metric
 * that cannot be computed is an error entry in the section, not a failure of the check; an
 * analysis throws only for what makes the whole check meaningless (a {@link io.driftwatch.DriftwatchException}).
 *
 * <p>Implementations carry their options (taken from the monitor definition when the monitor layer
 * builds them) and are thread-safe: one instance may run many checks at once.
 */
@FunctionalInterface
public interface Analysis {
    /** Runs on {@code data} and returns this analysis's section of the check's result. */
    Section run(CheckData data);
}
