package io.driftwatch.cli;

import io.driftwatch.DriftwatchException;

/**
 * Ends a command with a given {@link ExitCode}. The message, if any, has already been printed or
 * is printed by {@link DriftwatchCommand#onError}; {@code check} uses it with
 * {@link ExitCode#DRIFT} and no message.
 */
public final class CommandFailedException extends DriftwatchException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    public CommandFailedException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
