package io.driftwatch.cli;

import com.codahale.metrics.health.HealthCheck;
import io.driftwatch.store.DatabaseReach;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code database} health check: runs the validation query through the service's own pool,
 * with a time limit, and when that fails says which database and why ({@code cannot reach the
 * database jdbc:postgresql://db:5432/driftwatch (PostgreSQL at db:5432): connection refused}) instead
 * of Dropwizard's "Unable to successfully check in 5 seconds", which hides the cause.
 *
 * <p>Thread-safe: each call runs its query on the health check executor.
 */
public final class DatabaseHealthCheck extends HealthCheck {
    /** The name Dropwizard's JDBI factory registers its check under, which this one replaces. */
    public static final String NAME = "database";

    private final Jdbi jdbi;
    private final Optional<String> validationQuery;
    private final Duration timeout;
    private final ExecutorService executor;
    private final String database;

    DatabaseHealthCheck(Jdbi jdbi, Optional<String> validationQuery, Duration timeout, ExecutorService executor,
            String url) {
        this.jdbi = jdbi;
        this.validationQuery = validationQuery;
        this.timeout = timeout;
        this.executor = executor;
        this.database = DatabaseReach.describe(url);
    }

    /** Replaces the check Dropwizard's JDBI factory registered for {@code jdbi} with this one. */
    public static void replace(Environment environment, Jdbi jdbi, DataSourceFactory database) {
        Duration timeout = Duration.ofMillis(database.getValidationQueryTimeout()
                .orElseGet(() -> io.dropwizard.util.Duration.seconds(5)).toMilliseconds());
        environment.healthChecks().unregister(NAME);
        environment.healthChecks().register(NAME, new DatabaseHealthCheck(jdbi, database.getValidationQuery(), timeout,
                environment.getHealthCheckExecutorService(), database.getUrl()));
    }

    @Override
    protected Result check() {
        Future<Boolean> answer = executor.submit(this::validate);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    ? Result.healthy()
                    : Result.unhealthy("the database " + database + " says its connection is not valid");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return Result.unhealthy(DatabaseReach.outage(cause)
                    .map(reason -> "cannot reach the database " + database + ": " + reason)
                    .orElseGet(() -> "the database " + database + " failed the validation query: "
                            + DatabaseReach.reason(cause)));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return Result.unhealthy("the database " + database + " did not answer within " + timeout.toMillis()
                    + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.unhealthy("interrupted while checking the database " + database);
        }
    }

    private boolean validate() throws java.sql.SQLException {
        try (Handle handle = jdbi.open()) {
            if (validationQuery.isPresent()) {
                handle.execute(validationQuery.get());
                return true;
            }
            return handle.getConnection().isValid((int) Math.max(1, timeout.toSeconds()));
        }
    }
}
