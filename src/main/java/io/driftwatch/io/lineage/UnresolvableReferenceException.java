package io.driftwatch.io.lineage;

import io.driftwatch.DriftwatchException;

/**
 * A versioned reference that cannot be resolved to verified content: its pointer file is missing or
 * malformed (named with the field), the content is in neither the cache nor a remote, or what was
 * found does not have the recorded hash.
 */
public class UnresolvableReferenceException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    public UnresolvableReferenceException(String message) {
        super(message);
    }

    public UnresolvableReferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
