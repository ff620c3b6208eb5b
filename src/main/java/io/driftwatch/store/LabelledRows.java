package io.driftwatch.store;

/**
 * The labelled rows of one window as {@link LabelBulk#labelledRows} reads them, in the order of the
 * checked batch: each logged prediction (as {@link PredictionBatch} holds it) with its label, and when
 * the prediction was logged and the label received (epoch milliseconds).
 *
 * <p>Holds its arrays without copying; the reader fills them once and nothing changes them after.
 * Thread-safe: effectively immutable.
 *
 * @param size how many rows
 * @param predictedLabels text predictions (null entries when missing or numeric)
 * @param predictedValues numeric predictions (NaN when missing or text)
 * @param probability the probability of the positive class (NaN when missing)
 * @param probabilities the class probabilities joined by {@code ','} (null when missing)
 * @param labels the labels as stored
 * @param loggedAtMillis when each prediction was logged
 * @param receivedAtMillis when each label was received
 */
public record LabelledRows(int size, String[] predictedLabels, double[] predictedValues, double[] probability,
        String[] probabilities, String[] labels, long[] loggedAtMillis, long[] receivedAtMillis) {
}
