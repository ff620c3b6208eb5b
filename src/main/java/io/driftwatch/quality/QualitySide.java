package io.driftwatch.quality;

import java.util.List;
import java.util.Map;

/**
 * The model's quality measured on one side of a check (the reference or the current batch): how many
 * rows were read and used, its metrics in Evidently's order, and what Evidently 0.7.21 would raise on
 * the same data. A reference side can be measured once and kept with the reference profile.
 *
 * <p>Thread-safe: implementations are immutable records.
 */
public sealed interface QualitySide permits ClassificationSide, RegressionSide {

    /** Rows of the batch. */
    int rowsRead();

    /** Rows scored: those with a target and a prediction (no missing or infinite value in either). */
    int rowsUsed();

    /** Why the side could not be scored at all, or null when it was (then see each metric's own error). */
    String error();

    /** The metrics, in Evidently's order, each a value or the reason it is missing; empty with {@link #error()}. */
    Map<QualityMetric, MetricValue> metrics();

    /** What Evidently 0.7.21 would raise on this side's data, in the order it would (at most one per stage). */
    List<EvidentlyFailure> evidentlyFailures();

    /** The value of {@code metric}, or null when this side does not have it. */
    default MetricValue metric(QualityMetric metric) {
        return metrics().get(metric);
    }
}
