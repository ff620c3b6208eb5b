package io.driftwatch.quality;

import java.util.Objects;

/**
 * An exception Evidently 0.7.21's report would raise on a side's data, and when in the run it would
 * raise it, so that the first of them over both sides is the error Evidently's whole report fails
 * with. Driftwatch does not stop there: it computes what is defined and marks what is not.
 *
 * <p>Thread-safe: immutable.
 *
 * @param stage when in Evidently's run the exception is raised
 * @param message {@code "ExceptionType: first line of the message"}, as Evidently prints it
 */
public record EvidentlyFailure(Stage stage, String message) {

    /**
     * The steps of Evidently's run in which a failure can occur, in order. Within a step the current
     * side comes before the reference.
     */
    public enum Stage {
        /** Deriving labels and probabilities from the cleaned rows, and the confusion matrix. */
        PREPARE,
        /** Scoring the cleaned rows (precision with {@code pos_label}, ROC AUC, log loss, MAPE baselines). */
        SCORE,
        /** The dummy baseline of the no-reference tests. */
        DUMMY,
        /** The ROC curve widget of {@code RocAuc}, which reads the uncleaned rows. */
        ROC_CURVE,
        /** The rates (TPR, TNR, FPR, FNR) of a binary classifier. */
        RATES,
        /** The by-label metrics. */
        BY_LABEL
    }

    public EvidentlyFailure {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(message, "message");
    }
}
