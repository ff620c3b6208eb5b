package io.driftwatch.stats;

import io.driftwatch.DriftwatchException;

/**
 * A test cannot run because there is too little data: a side is empty after cleaning, has fewer
 * values than the test needs, or is constant where the test is undefined. The message says which
 * and how many, in words a user can act on.
 */
public class InsufficientDataException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    public InsufficientDataException(String message) {
        super(message);
    }
}
