package io.driftwatch.cli;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.DriftwatchException;
import io.driftwatch.store.DatabaseReach;
import io.driftwatch.store.Migrations;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.migrations.DbCommand;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code driftwatch db migrate config.yml} and Liquibase's other verbs ({@code db status},
 * {@code db dump}…): Dropwizard's migrations command, except that a database that cannot be opened
 * (PostgreSQL down or unreachable, refused credentials, the embedded file held by the running
 * service) is one line on stderr naming the database and what to do, with exit code 2, instead of
 * the connection pool's and Liquibase's stack traces. A migration that fails is still printed in
 * full (exit code 3): that is a bug to report.
 *
 * <p>Thread-safe: stateless.
 */
public final class DatabaseCommand extends DbCommand<DriftwatchConfiguration> {

    public DatabaseCommand() {
        super("db", DriftwatchConfiguration::getDatabase, DriftwatchConfiguration.class, Migrations.CHANGELOG);
    }

    @Override
    protected void run(Bootstrap<DriftwatchConfiguration> bootstrap, Namespace namespace,
            DriftwatchConfiguration configuration) throws Exception {
        DatabaseReach.require(configuration.getDatabase(), getName() + " " + namespace.getString("subcommand"));
        super.run(bootstrap, namespace, configuration);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof DriftwatchException) {
            cli.getStdErr().println("driftwatch " + getName() + " " + namespace.getString("subcommand") + ": "
                    + e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }
}
