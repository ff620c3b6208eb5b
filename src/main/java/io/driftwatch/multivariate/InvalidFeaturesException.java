package io.driftwatch.multivariate;

import io.driftwatch.DriftwatchException;

/**
 * The feature columns of a multivariate analysis cannot be used as given: none were named, one is
 * named twice, missing from a table, of a type the analysis cannot encode (dates), of a different
 * type in the current batch than in the reference, entirely missing in the reference, or holding an
 * infinite value. The message names the column and says what to change.
 *
 * <p>Thread-safe: immutable.
 */
public class InvalidFeaturesException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    public InvalidFeaturesException(String message) {
        super(message);
    }
}
