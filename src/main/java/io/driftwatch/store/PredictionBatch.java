package io.driftwatch.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The prediction rows of one checked batch, to be logged in {@code prediction_log} by
 * {@link LabelBulk#logPredictions}: for each of {@code size} rows, its position in the batch, its id
 * as text, and the prediction: a label as text, or a value (NaN when missing), the probability of the
 * positive class (NaN when missing), or the class probabilities as text. Columns the model has not
 * are null arrays.
 *
 * <p>Holds the caller's arrays without copying them (a batch may have millions of rows): the caller
 * must not change them afterwards. Thread-safe once built, as long as that holds.
 *
 * @param checkId the check that logged them
 * @param monitorId its monitor
 * @param loggedAt when they were logged (the check's time)
 * @param size how many rows the arrays hold
 * @param positions each row's 0-based position in the batch
 * @param rowIds each row's id, never empty, at most {@link #MAX_TEXT} characters
 * @param predictedLabels text predictions (null entries when missing), or null
 * @param predictedValues numeric predictions (NaN when missing), or null
 * @param probability binary: the probability of the positive class (NaN when missing), or null
 * @param probabilities multiclass: the class probabilities joined by {@code ','}, or null
 */
public record PredictionBatch(String checkId, String monitorId, Instant loggedAt, int size, int[] positions,
        String[] rowIds, String[] predictedLabels, double[] predictedValues, double[] probability,
        String[] probabilities) {

    /** The longest row id, label or predicted label the log keeps. */
    public static final int MAX_TEXT = 400;

    public PredictionBatch {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(monitorId, "monitorId");
        Objects.requireNonNull(loggedAt, "loggedAt");
        if (size < 0 || positions.length < size || rowIds.length < size) {
            throw new IllegalArgumentException("size " + size + " beyond the arrays");
        }
    }
}
