/**
 * Label-free performance estimation as NannyML does it: CBPE (confidence-based performance
 * estimation) for binary and multiclass classifiers with probabilities — isotonic calibration fitted
 * on the reference with scikit-learn's semantics, NannyML's rule for whether to calibrate, the
 * expected confusion matrix and the metrics derived from it, ROC AUC and average precision from the
 * calibrated probabilities — and DLE (direct loss estimation) for regressors, a gradient-boosted model
 * of the per-row loss trained on the reference (Smile's {@code GradientTreeBoost}, least squares).
 * Each estimate comes per chunk with NannyML's sampling-error band, the mean ± 3σ thresholds over the
 * realized metric on the reference chunks, an alert flag and, where labels are known, the realized
 * value beside it.
 *
 * <p>Pure computation on primitive arrays (labels as int codes, probabilities and predictions as
 * {@code double[]}, features as a {@link io.driftwatch.data.Table}) and row chunks from
 * {@link io.driftwatch.data.Chunks}; results are immutable records. What does not belong here:
 * reading batches, the monitor definition, rendering, storing, alerting — the monitor layer wires an
 * analysis around this package; and the other analyses (quality, drift…), which this package must not
 * use.
 */
package io.driftwatch.estimate;
