package io.driftwatch.cli;

import io.driftwatch.DriftwatchException;
import io.dropwizard.configuration.UndefinedEnvironmentVariableException;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code driftwatch server config.yml}: Dropwizard's server command, except that a failure the
 * user can fix (an unmigrated database, an unsafe auth setting) is one line on stderr saying what
 * to do, not a stack trace.
 *
 * <p>Thread-safe: stateless.
 */
public final class ServeCommand<T extends Configuration> extends ServerCommand<T> {

    public ServeCommand(Application<T> application) {
        super(application);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof DriftwatchException) {
            cli.getStdErr().println("driftwatch server: " + e.getMessage());
        } else if (e instanceof UndefinedEnvironmentVariableException) {
            // ${VAR} in the configuration names an environment variable that is not set
            cli.getStdErr().println("driftwatch server: " + namespace.getString("file") + ": " + e.getMessage()
                    + " Set it in the environment, or write ${NAME:-default} in the configuration.");
        } else {
            super.onError(cli, namespace, e);
        }
    }
}
