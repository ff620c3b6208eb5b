package io.driftwatch.stats;

import io.driftwatch.DriftwatchException;

/**
 * A test does not apply to this input: a numerical-only test on a categorical column, Fisher's
 * exact test on more than two categories or unequal sizes, Evidently's G-test on unequal sizes.
 */
public class InapplicableTestException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    public InapplicableTestException(String message) {
        super(message);
    }
}
