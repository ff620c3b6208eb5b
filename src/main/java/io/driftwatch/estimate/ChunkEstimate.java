package io.driftwatch.estimate;

/**
 * One metric estimated on one chunk, as a row of NannyML's estimator result: the estimate, its
 * sampling error and the band {@code estimate ± 3 · samplingError} clipped to the metric's range,
 * the thresholds, whether the estimate is outside them, and the realized value where labels are
 * known. NaN marks what could not be computed (no row with a known label, a metric undefined on the
 * chunk).
 *
 * <p>Thread-safe: immutable.
 *
 * @param chunk the chunk's index in the list estimated
 * @param rows the chunk's row count
 * @param value the estimate
 * @param samplingError NannyML's sampling error of the metric for a chunk of this size
 * @param lowerConfidence {@code max(value − 3 · samplingError, lowest value of the metric)}
 * @param upperConfidence {@code min(value + 3 · samplingError, highest value of the metric)}
 * @param lowerThreshold the lower threshold (NaN: none)
 * @param upperThreshold the upper threshold (NaN: none)
 * @param alert whether {@code value} is strictly outside the thresholds
 * @param realized the metric computed from the chunk's known labels; NaN without labels
 * @param labelledRows how many of the chunk's rows have a known label
 */
public record ChunkEstimate(int chunk, int rows, double value, double samplingError, double lowerConfidence,
        double upperConfidence, double lowerThreshold, double upperThreshold, boolean alert, double realized,
        int labelledRows) {
}
