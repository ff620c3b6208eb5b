package io.driftwatch;

import io.driftwatch.cli.CheckCommand;
import io.driftwatch.cli.DriftwatchCommand;
import io.driftwatch.cli.FatalErrorHandler;
import io.driftwatch.cli.InspectCommand;
import io.driftwatch.cli.ProfileCommand;
import io.driftwatch.cli.WritableDirectoryHealthCheck;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/**
 * The Driftwatch jar's entry point: the service ({@code server config.yml}) and the command-line
 * verbs ({@code inspect}, {@code check}, {@code profile}). Builds objects and registers them; no
 * logic here.
 */
public class DriftwatchApplication extends Application<DriftwatchConfiguration> {

    public static void main(String[] args) throws Exception {
        FatalErrorHandler.install();
        new DriftwatchApplication().run(args);
    }

    @Override
    public String getName() {
        return "driftwatch";
    }

    /** Exits with the code scripts branch on: 2 for bad usage or input, 1 for drift (check). */
    @Override
    protected void onFatalError(Throwable t) {
        System.exit(DriftwatchCommand.exitCodeFor(t).code());
    }

    /**
     * Only {@code server}: Dropwizard's own {@code check} (validate a config file) would take the name
     * of the drift check verb, which DESIGN.md's command-line contract gives to {@link CheckCommand}.
     */
    @Override
    protected void addDefaultCommands(Bootstrap<DriftwatchConfiguration> bootstrap) {
        bootstrap.addCommand(new ServerCommand<>(this));
    }

    @Override
    public void initialize(Bootstrap<DriftwatchConfiguration> bootstrap) {
        bootstrap.addCommand(new InspectCommand());
        bootstrap.addCommand(new CheckCommand());
        bootstrap.addCommand(new ProfileCommand());
    }

    @Override
    public void run(DriftwatchConfiguration configuration, Environment environment) {
        environment.healthChecks().register("reports-directory",
                new WritableDirectoryHealthCheck(configuration.getReportsDirectory()));
        environment.healthChecks().register("data-directory",
                new WritableDirectoryHealthCheck(configuration.getDataDirectory()));
    }
}
