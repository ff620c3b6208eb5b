package io.driftwatch.estimate;

/**
 * A binary classifier's expected confusion matrix on one chunk, from calibrated probabilities
 * {@code p} of the positive class: {@code TP = Σ p} and {@code FP = Σ (1 − p)} over the rows
 * predicted positive, {@code FN = Σ p} and {@code TN = Σ (1 − p)} over the rows predicted
 * negative (NannyML's {@code estimate_*} functions; counts, not normalised).
 *
 * <p>Thread-safe: immutable.
 */
public record ExpectedConfusion(double truePositive, double falsePositive, double falseNegative,
        double trueNegative) {
}
