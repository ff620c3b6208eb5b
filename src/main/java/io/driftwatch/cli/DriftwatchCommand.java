package io.driftwatch.cli;

import io.driftwatch.DriftwatchException;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.UndefinedEnvironmentVariableException;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;
import java.io.PrintWriter;

/**
 * Base of Driftwatch's own verbs: turns a failure into one readable line on stderr and an
 * {@link ExitCode}, never a stack trace for bad input.
 */
public abstract class DriftwatchCommand extends Command {

    protected DriftwatchCommand(String name, String description) {
        super(name, description);
    }

    /**
     * Work this verb will need with these raw arguments (class initialisation), which {@link LightCli}
     * starts on a spare thread while it parses them; none by default. Must not print or fail.
     */
    void prepare(String[] args) {
    }

    /**
     * Runs start-up {@code work} on a daemon thread of its own, so that it overlaps what the command
     * does meanwhile; whoever needs its result waits for it through class initialisation or the
     * work's own synchronisation.
     */
    static void onSpareThread(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        report(cli.getStdErr(), e);
    }

    /**
     * Prints a failure of this command: one line naming the verb for bad input, a hint for running
     * out of memory, the stack trace for anything else (a bug or an environment failure).
     */
    void report(PrintWriter err, Throwable e) {
        if (e instanceof CommandFailedException failed) {
            if (failed.getMessage() != null && !failed.getMessage().isEmpty()) {
                err.println("driftwatch " + getName() + ": " + failed.getMessage());
            }
        } else if (e instanceof DriftwatchException) {
            err.println("driftwatch " + getName() + ": " + e.getMessage());
        } else if (e instanceof OutOfMemoryError) {
            err.println("driftwatch " + getName() + ": out of memory (" + e.getMessage()
                    + "); give the JVM more memory, e.g. java -Xmx8g -jar driftwatch.jar ...");
        } else {
            e.printStackTrace(err);
        }
        err.flush();
    }

    /** The exit code a command failure maps to. */
    public static ExitCode exitCodeFor(Throwable failure) {
        if (failure instanceof CommandFailedException failed) {
            return failed.exitCode();
        }
        if (failure instanceof DriftwatchException || failure instanceof ArgumentParserException
                || failure instanceof ConfigurationException || failure instanceof UndefinedEnvironmentVariableException) {
            return ExitCode.BAD_INPUT;
        }
        return ExitCode.INTERNAL_ERROR;
    }
}
