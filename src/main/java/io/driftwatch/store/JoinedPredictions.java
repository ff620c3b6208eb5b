package io.driftwatch.store;

/**
 * Logged predictions joined with labels, as {@link LabelBulk} reads them into arrays, row by row:
 * either the staged labels' ids each joined to the monitor's predictions and stored labels
 * ({@link LabelBulk#joinStaged}: a staged id without a prediction has a row with a null
 * {@code checkId}; one with several predictions has a row for each), or the labelled predictions of
 * one window in batch order ({@link LabelBulk#labelledRows}).
 *
 * <p>Holds its arrays without copying; the reader fills them once and nothing changes them after.
 * Thread-safe: effectively immutable.
 *
 * @param size how many rows
 * @param stagedPositions the staged row each row joins (null for a window's rows)
 * @param checkIds the check that logged the prediction; null when the staged id has none (null array
 *     for a window's rows)
 * @param predictionPositions the prediction's row in its checked batch
 * @param predictedLabels text predictions (null entries when missing or numeric)
 * @param predictedValues numeric predictions (NaN when missing or text)
 * @param probability the probability of the positive class (NaN when missing)
 * @param probabilities the class probabilities joined by {@code ','} (null when missing)
 * @param loggedAtMillis when each prediction was logged (epoch milliseconds; zeros in a join of staged ids)
 * @param labels the stored label (null when the id has none)
 * @param receivedAtMillis when the stored label was received (epoch milliseconds; zeros in a join of
 *     staged ids)
 */
public record JoinedPredictions(int size, int[] stagedPositions, String[] checkIds, int[] predictionPositions,
        String[] predictedLabels, double[] predictedValues, double[] probability, String[] probabilities,
        long[] loggedAtMillis, String[] labels, long[] receivedAtMillis) {
}
