package io.driftwatch;

import io.driftwatch.api.Api;
import io.driftwatch.api.dashboard.DashboardResource;
import io.driftwatch.api.PrometheusServlet;
import io.driftwatch.cli.BackfillCommand;
import io.driftwatch.cli.CheckCommand;
import io.driftwatch.cli.DatabaseCommand;
import io.driftwatch.cli.DriftwatchCommand;
import io.driftwatch.cli.FatalErrorHandler;
import io.driftwatch.cli.LightCli;
import io.driftwatch.cli.InspectCommand;
import io.driftwatch.cli.NotifyTestCommand;
import io.driftwatch.cli.ProfileCommand;
import io.driftwatch.cli.ServeCommand;
import io.driftwatch.cli.TokenCommand;
import io.driftwatch.cli.WritableDirectoryHealthCheck;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalInt;

/**
 * The Driftwatch jar's entry point: the service ({@code server config.yml}) and the command-line
 * verbs ({@code inspect}, {@code check}, {@code profile}, {@code token}, {@code notify-test},
 * {@code backfill}, {@code db}). Registers the commands, and the objects {@link Monitoring} builds for
 * the service; no logic here.
 *
 * <p>Not thread-safe: Dropwizard calls it once, on the main thread.
 */
public class DriftwatchApplication extends Application<DriftwatchConfiguration> {

    public static void main(String[] args) throws Exception {
        FatalErrorHandler.install();
        // check, inspect and profile need nothing of the service: they start without its bootstrap
        OptionalInt light = LightCli.run(args, System.out, System.err);
        if (light.isPresent()) {
            System.exit(light.getAsInt());
        }
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
        bootstrap.addCommand(new ServeCommand<>(this));
    }

    @Override
    public void initialize(Bootstrap<DriftwatchConfiguration> bootstrap) {
        // ${VAR} in the configuration reads the environment; strict, so an unset secret stops start-up
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
        bootstrap.addCommand(new InspectCommand());
        bootstrap.addCommand(new CheckCommand());
        bootstrap.addCommand(new ProfileCommand());
        bootstrap.addCommand(new TokenCommand());
        bootstrap.addCommand(new NotifyTestCommand());
        bootstrap.addCommand(new BackfillCommand());
        bootstrap.addCommand(new DatabaseCommand());
    }

    /** The clock the service records checks and receives labels by; tests of labels over days set their own. */
    protected Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public void run(DriftwatchConfiguration configuration, Environment environment) throws Exception {
        configuration.getAuth().register(environment.jersey(), configuration.getServerFactory());
        Path reports = configuration.getReportsDirectory();
        Path data = configuration.getDataDirectory();
        Files.createDirectories(reports);
        Files.createDirectories(data);
        environment.healthChecks().register("reports-directory", new WritableDirectoryHealthCheck(reports));
        environment.healthChecks().register("data-directory", new WritableDirectoryHealthCheck(data));

        Monitoring.Service service = Monitoring.forService(configuration, environment, clock());
        Monitoring monitoring = service.monitoring();

        ((AbstractServerFactory) configuration.getServerFactory()).setRegisterDefaultExceptionMappers(false);
        DriftwatchConfiguration.ApiSettings api = configuration.getApi();
        Api.register(environment.jersey(), monitoring.intake, monitoring.catalog, monitoring.checks, service.history(),
                service.queue(), api.bodyLimit(), api.definitionLimit(), service.deliveries(), service.runs(),
                monitoring.labels);
        environment.jersey().register(new DashboardResource(monitoring.catalog, service.history(), monitoring.intake,
                service.deliveries(), service.runs()));

        // Prometheus scrapes /metrics; Dropwizard's JSON metrics move to /metrics.json on the admin port
        environment.getAdminContext().setInitParameter("metrics-uri", "/metrics.json");
        environment.admin().addServlet("prometheus", new PrometheusServlet(environment.metrics(), monitoring.catalog,
                service.history(), service.runs())).addMapping("/metrics");
    }
}
