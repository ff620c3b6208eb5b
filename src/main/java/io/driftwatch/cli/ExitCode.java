package io.driftwatch.cli;

/**
 * The process exit codes scripts branch on (DESIGN.md, "Command line"): a contract, change only
 * with a version bump.
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
    INTERNAL_ERROR(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
