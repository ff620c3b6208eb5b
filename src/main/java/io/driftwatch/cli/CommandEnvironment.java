package io.driftwatch.cli;

import io.driftwatch.DriftwatchConfiguration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.JettyManaged;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The Dropwizard {@link Environment} a command builds the service's objects in (through
 * {@link io.driftwatch.Monitoring#forCommand}), made as Dropwizard's {@code EnvironmentCommand}
 * makes one, but without a server: nothing it manages is started (a connection pool connects when
 * first used, as the commands' pools always did). {@link #stop()} stops what was handed to its
 * lifecycle (connection pools, the check runner's threads), last first.
 *
 * <p>Not thread-safe: one command's thread opens and stops it.
 */
final class CommandEnvironment {
    private final Environment environment;

    private CommandEnvironment(Environment environment) {
        this.environment = environment;
    }

    static CommandEnvironment open(Bootstrap<DriftwatchConfiguration> bootstrap,
            DriftwatchConfiguration configuration) {
        return new CommandEnvironment(new Environment(bootstrap.getApplication().getName(),
                bootstrap.getObjectMapper(), bootstrap.getValidatorFactory(), bootstrap.getMetricRegistry(),
                bootstrap.getClassLoader(), bootstrap.getHealthCheckRegistry(), configuration));
    }

    Environment environment() {
        return environment;
    }

    /** Stops every managed object, the last managed first; a failure is thrown and leaves the rest as they are. */
    void stop() throws Exception {
        List<LifeCycle> managed = new ArrayList<>(environment.lifecycle().getManagedObjects());
        Collections.reverse(managed);
        for (LifeCycle object : managed) {
            // never started, so a Jetty life cycle would take stop() for a no-op: stop what it wraps
            if (object instanceof JettyManaged wrapped) {
                wrapped.getManaged().stop();
            } else {
                object.stop();
            }
        }
    }
}
