package io.driftwatch.estimate;

import io.driftwatch.DriftwatchException;

/**
 * The model outputs or labels handed to an estimator are unusable: a probability that is NaN or
 * outside {@code [0, 1]}, a predicted label that is missing or not a class, arrays of different
 * lengths, a reference label that is missing. The message names the array, the row and the value.
 */
public class InvalidModelOutputException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    public InvalidModelOutputException(String message) {
        super(message);
    }
}
