package io.driftwatch.quality;

import io.driftwatch.analysis.ClassLabel;

/**
 * One class's metrics (Evidently's {@code F1ByLabel}, {@code PrecisionByLabel}, {@code RecallByLabel},
 * {@code RocAucByLabel}): one-vs-rest precision, recall and F1 with 0/0 read as 0, and the ROC AUC of
 * the class's probability column.
 *
 * <p>Thread-safe: immutable.
 *
 * @param label the class
 * @param precision the share of rows predicted as the class that are of it
 * @param recall the share of rows of the class predicted as it
 * @param f1Score the harmonic mean of the two
 * @param rocAuc the ROC AUC of the class's probability column; 0.0 when the class has no column
 *     (as Evidently reports it); NaN when the model has no probabilities or the column's ROC AUC is
 *     undefined (every row, or no row, of the class)
 */
public record LabelMetrics(ClassLabel label, double precision, double recall, double f1Score, double rocAuc) {
}
