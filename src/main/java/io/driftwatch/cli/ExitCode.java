package io.driftwatch.cli;

/**
 * The process exit codes scripts branch on (DESIGN.md, "Command line"): a contract, change only
 * with a version bump.
 *
 * <p>{@code check}'s findings add up as bits, so a script can tell each apart: 1 dataset drift,
 * 4 failed data-quality tests (the monitor's {@code integrity:}); 5 is both. 2 (bad input) and 3
 * (internal error) are never combined with them: test for those first.
 */
public enum ExitCode {
    /** Success; for {@code check}, no dataset drift. */
    OK(0),
    /** {@code check} only: dataset drift detected. */
    DRIFT(1),
    /** {@code notify-test} only: a channel did not accept the test alert. */
    NOT_DELIVERED(1),
    /** Bad usage or unreadable input; a one-line message says what to fix. */
    BAD_INPUT(2),
    /** A bug or an environment failure (out of memory, disk full); the stack trace is printed. */
    INTERNAL_ERROR(3),
    /** {@code check} only: a data-quality test failed or a reference-derived condition broke; no dataset drift. */
    DATA_QUALITY(4),
    /** {@code check} only: dataset drift and failed data-quality tests. */
    DRIFT_AND_DATA_QUALITY(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** {@code check}'s code for its verdicts: {@link #OK} when nothing was found. */
    public static ExitCode ofCheck(boolean drift, boolean dataQuality) {
        if (drift) {
            return dataQuality ? DRIFT_AND_DATA_QUALITY : DRIFT;
        }
        return dataQuality ? DATA_QUALITY : OK;
    }
}
