package io.driftwatch.cli;

/**
 * The process exit codes scripts branch on (DESIGN.md, "Command line"): a contract, change only
 * with a version bump.
 *
 * <p>{@code check}'s findings add up as bits, so a script can tell each apart: 1 dataset drift,
 * 4 failed data-quality tests (the monitor's {@code integrity:}), 8 the model's quality failed its
 * tests (the monitor's {@code model:} and {@code quality:}); 5 is drift and data quality, 9 drift and
 * a degraded model, 13 all three. The estimate and multivariate analyses add to the same bits: an
 * estimated performance outside its thresholds on some chunk (the monitor's {@code estimate:}) sets
 * 8, as a failed model-quality test does; drift across columns on some chunk (the monitor's
 * {@code multivariate:}) sets 1, as dataset drift does. 2 (bad input) and 3 (internal error) are never combined with them:
 * test for those first ({@code code & 8} tells "model degraded" apart when the code is not 2 or 3).
 */
public enum ExitCode {
    /** Success; for {@code check}, no dataset drift. */
    OK(0),
    /** {@code check} only: dataset drift detected, or drift across columns (multivariate) on some chunk. */
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
    DRIFT_AND_DATA_QUALITY(5),
    /**
     * {@code check} only: the model's quality failed its tests, or its estimated performance left its
     * thresholds on some chunk; no dataset drift, data quality fine.
     */
    MODEL_QUALITY(8),
    /** {@code check} only: dataset drift and a model that failed its quality tests. */
    DRIFT_AND_MODEL_QUALITY(9),
    /** {@code check} only: failed data-quality tests and a model that failed its quality tests. */
    DATA_AND_MODEL_QUALITY(12),
    /** {@code check} only: dataset drift, failed data-quality tests and a model that failed its quality tests. */
    DRIFT_DATA_AND_MODEL_QUALITY(13);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** {@code check}'s code for its verdicts: {@link #OK} when nothing was found. */
    public static ExitCode ofCheck(boolean drift, boolean dataQuality) {
        return ofCheck(drift, dataQuality, false);
    }

    /** {@code check}'s code for its verdicts, one bit each: {@link #OK} when nothing was found. */
    public static ExitCode ofCheck(boolean drift, boolean dataQuality, boolean modelQuality) {
        int code = (drift ? 1 : 0) | (dataQuality ? 4 : 0) | (modelQuality ? 8 : 0);
        for (ExitCode c : new ExitCode[] {OK, DRIFT, DATA_QUALITY, DRIFT_AND_DATA_QUALITY, MODEL_QUALITY,
                DRIFT_AND_MODEL_QUALITY, DATA_AND_MODEL_QUALITY, DRIFT_DATA_AND_MODEL_QUALITY}) {
            if (c.code == code) {
                return c;
            }
        }
        throw new AssertionError("every combination of the three bits has a code: " + code);
    }
}
