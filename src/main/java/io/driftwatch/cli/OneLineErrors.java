package io.driftwatch.cli;

import io.driftwatch.DriftwatchException;
import io.dropwizard.core.cli.Cli;

/**
 * How commands that open the service's database report a failure: a mistake of the user (no such
 * monitor, bad times, a database held by the service) as one line on standard error, without a
 * stack trace; anything else is left to Dropwizard, which prints the trace.
 *
 * <p>Thread-safe: stateless.
 */
final class OneLineErrors {
    private OneLineErrors() {
    }

    /** Prints {@code e} as one line if it is the user's mistake; returns whether it did. */
    static boolean print(Cli cli, String command, Throwable e) {
        if (e instanceof CommandFailedException failed) {
            if (failed.getMessage() != null && !failed.getMessage().isEmpty()) {
                cli.getStdErr().println("driftwatch " + command + ": " + failed.getMessage());
            }
            return true;
        }
        if (e instanceof DriftwatchException) {
            cli.getStdErr().println("driftwatch " + command + ": " + e.getMessage());
            return true;
        }
        return false;
    }
}
