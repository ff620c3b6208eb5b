package io.driftwatch.analysis;

import java.util.Locale;

/**
 * What a model predicts, as the monitor's {@code model.task} names it.
 *
 * <p>Thread-safe: an enum.
 */
public enum ModelTask {
    /** Two classes; a predicted label and/or the probability of the positive class. */
    BINARY_CLASSIFICATION,
    /** Three or more classes; a predicted label and/or one probability column per class. */
    MULTICLASS_CLASSIFICATION,
    /** A number. */
    REGRESSION;

    /** The name used in monitor files and the JSON result: {@code binary_classification}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the task is a classification (binary or multiclass). */
    public boolean isClassification() {
        return this != REGRESSION;
    }
}
