package io.driftwatch.store;

import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.migrations.CloseableLiquibaseWithClassPathMigrationsFile;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.changelog.ChangeSet;
import liquibase.exception.LiquibaseException;

/**
 * The schema's migrations ({@value #CHANGELOG} on the class path, applied by {@code db migrate}),
 * and the start-up check that the database has every one of them.
 *
 * <p>Thread-safe: stateless.
 */
public final class Migrations {
    /** The changelog, as the {@code db} commands and this check name it. */
    public static final String CHANGELOG = "db/changelog.sql";

    private Migrations() {
    }

    /**
     * Fails unless every changeset has been applied to the database behind {@code dataSource}.
     *
     * @param url the database URL, for the message
     * @throws UnmigratedDatabaseException naming the pending changesets and the command that applies them
     */
    public static void requireApplied(ManagedDataSource dataSource, String url) {
        if (!hasChangelogTable(dataSource, url)) {
            throw new UnmigratedDatabaseException("the database " + url + " has no Driftwatch schema yet. Run"
                    + " 'java -jar target/driftwatch.jar db migrate config.yml' (with your configuration file) first.");
        }
        List<String> pending = new ArrayList<>();
        try (CloseableLiquibaseWithClassPathMigrationsFile liquibase =
                new CloseableLiquibaseWithClassPathMigrationsFile(dataSource, CHANGELOG)) {
            for (ChangeSet c : liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression())) {
                pending.add(c.getId());
            }
        } catch (LiquibaseException e) {
            throw new UnmigratedDatabaseException("cannot read the migration state of " + url + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new UnmigratedDatabaseException("cannot open the database " + url + ": " + e.getMessage(), e);
        }
        if (!pending.isEmpty()) {
            throw new UnmigratedDatabaseException("the database " + url + " is not up to date: " + pending.size()
                    + " of its migrations have not been applied (" + String.join(", ", pending) + "). Run"
                    + " 'java -jar target/driftwatch.jar db migrate config.yml' (with your configuration file) first.");
        }
    }

    /** Whether Liquibase's changelog table exists; looking must not create it, as Liquibase would. */
    private static boolean hasChangelogTable(ManagedDataSource dataSource, String url) {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            for (String name : new String[] {"databasechangelog", "DATABASECHANGELOG"}) {
                try (ResultSet tables = meta.getTables(null, null, name, null)) {
                    if (tables.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new UnmigratedDatabaseException("cannot open the database " + url + ": " + e.getMessage(), e);
        }
    }
}
