package io.driftwatch.monitor.checks;

import io.driftwatch.DriftwatchException;

/**
 * A batch could not be checked, and that was recorded as a failed check: the batch is not a
 * readable CSV, Arrow or Parquet batch, or its columns do not line up with the reference. The failed check is
 * in the monitor's history with the reason ({@link #reason()}, whose message this one repeats), and
 * the monitor's alert policy has seen it ({@code check_error}).
 *
 * <p>Thread-safe: immutable.
 */
public final class FailedCheckException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    private final String checkId;
    private final String monitorId;
    private final DriftwatchException reason;

    FailedCheckException(Check check, DriftwatchException reason) {
        super(reason.getMessage(), reason);
        this.checkId = check.id();
        this.monitorId = check.monitorId();
        this.reason = reason;
    }

    /** The id of the failed check. */
    public String checkId() {
        return checkId;
    }

    /** The monitor it was a check of. */
    public String monitorId() {
        return monitorId;
    }

    /** Why the check could not run. */
    public DriftwatchException reason() {
        return reason;
    }
}
