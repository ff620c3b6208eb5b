package io.driftwatch;

import io.driftwatch.api.Api;
import io.driftwatch.api.BodyLimit;
import io.driftwatch.api.DefinitionLimit;
import io.driftwatch.api.PrometheusServlet;
import io.driftwatch.cli.BackfillCommand;
import io.driftwatch.cli.CheckCommand;
import io.driftwatch.cli.DatabaseCommand;
import io.driftwatch.cli.DatabaseHealthCheck;
import io.driftwatch.cli.DriftwatchCommand;
import io.driftwatch.cli.FatalErrorHandler;
import io.driftwatch.cli.InspectCommand;
import io.driftwatch.cli.NotifyTestCommand;
import io.driftwatch.cli.ProfileCommand;
import io.driftwatch.cli.TokenCommand;
import io.driftwatch.cli.WritableDirectoryHealthCheck;
import io.driftwatch.monitor.CheckHistory;
import io.driftwatch.monitor.CheckQueue;
import io.driftwatch.monitor.Checks;
import io.driftwatch.monitor.CheckRunner;
import io.driftwatch.monitor.DatasetIntake;
import io.driftwatch.monitor.Leftovers;
import io.driftwatch.monitor.MonitorCatalog;
import io.driftwatch.monitor.Deliveries;
import io.driftwatch.monitor.OutboxWorker;
import io.driftwatch.monitor.Receivers;
import io.driftwatch.monitor.RunHistory;
import io.driftwatch.monitor.Scheduler;
import io.dropwizard.db.ManagedDataSource;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import io.driftwatch.store.BlobStore;
import io.driftwatch.store.OutboxDao;
import io.driftwatch.store.ScheduledRunDao;
import io.driftwatch.store.Transactions;
import java.time.Clock;
import io.driftwatch.store.CheckDao;
import io.driftwatch.store.DatabaseReach;
import io.driftwatch.store.DatabaseUrls;
import io.driftwatch.store.DatasetDao;
import io.driftwatch.store.Migrations;
import io.driftwatch.store.MonitorDao;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import io.driftwatch.cli.ServeCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/**
 * The Driftwatch jar's entry point: the service ({@code server config.yml}) and the command-line
 * verbs ({@code inspect}, {@code check}, {@code profile}, {@code token}, {@code notify-test}). Builds objects and
 * registers them; no logic here.
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

    @Override
    public void run(DriftwatchConfiguration configuration, Environment environment) throws Exception {
        configuration.getAuth().register(environment.jersey(), configuration.getServerFactory());
        Path reports = configuration.getReportsDirectory();
        Path data = configuration.getDataDirectory();
        Files.createDirectories(reports);
        Files.createDirectories(data);
        environment.healthChecks().register("reports-directory", new WritableDirectoryHealthCheck(reports));
        environment.healthChecks().register("data-directory", new WritableDirectoryHealthCheck(data));

        DataSourceFactory database = configuration.getDatabase();
        database.setUrl(DatabaseUrls.forService(database.getUrl()));
        DatabaseReach.require(database, "server");
        ManagedDataSource migrationsCheck = database.build(environment.metrics(), "migrations-check");
        try {
            Migrations.requireApplied(migrationsCheck, DatabaseReach.redact(database.getUrl()));
        } finally {
            migrationsCheck.stop();
        }
        Jdbi jdbi = new JdbiFactory().build(environment, database, DatabaseHealthCheck.NAME);
        DatabaseHealthCheck.replace(environment, jdbi, database);
        DatasetDao datasetDao = jdbi.onDemand(DatasetDao.class);
        MonitorDao monitorDao = jdbi.onDemand(MonitorDao.class);
        CheckDao checkDao = jdbi.onDemand(CheckDao.class);
        // first of the managed objects: what a killed process left is gone before anything writes
        environment.lifecycle().manage(new Leftovers(data, reports, monitorDao, checkDao,
                Duration.ofMillis(configuration.getScheduler().getStaleAfter().toMilliseconds()), Clock.systemUTC()));

        DriftwatchConfiguration.CheckSettings checks = configuration.getChecks();
        CheckRunner runner = CheckRunner.withCores();
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                runner.close();
            }
        });
        CheckQueue queue = new CheckQueue(checks.getConcurrency(), checks.getQueueSize(),
                Duration.ofMillis(checks.getRetryAfter().toMilliseconds()),
                Duration.ofMillis(checks.getShutdownGracePeriod().toMilliseconds()), environment.metrics());
        environment.lifecycle().manage(queue);

        long maxBody = configuration.getApi().getMaxBodySize().toBytes();
        Receivers receivers = Monitoring.receivers(configuration);
        OutboxWorker outbox = new OutboxWorker(jdbi.onDemand(OutboxDao.class), receivers,
                configuration.getOutbox().settings(), Clock.systemUTC());
        environment.lifecycle().manage(outbox);

        Map<String, DataSource> dataSources = new LinkedHashMap<>();
        configuration.getSources().getDataSources().forEach((name, factory) -> {
            ManagedDataSource source = factory.build(environment.metrics(), "source-" + name);
            environment.lifecycle().manage(source);
            dataSources.put(name, source);
        });
        Monitoring monitoring = Monitoring.build(configuration, jdbi, receivers, dataSources, runner, outbox::wake,
                environment.metrics());
        DatasetIntake intake = monitoring.intake;
        MonitorCatalog catalog = monitoring.catalog;
        Checks monitorChecks = monitoring.checks;
        Deliveries deliveries = new Deliveries(jdbi.onDemand(OutboxDao.class), catalog, outbox::wake);
        CheckHistory history = new CheckHistory(checkDao, catalog, reports);
        DriftwatchConfiguration.SchedulerSettings scheduling = configuration.getScheduler();
        if (scheduling.isEnabled()) {
            environment.lifecycle().manage(new Scheduler(catalog, monitoring.scheduledChecks, Clock.systemUTC(),
                    Duration.ofMillis(scheduling.getPollInterval().toMilliseconds()), scheduling.getConcurrency(),
                    Duration.ofMillis(checks.getShutdownGracePeriod().toMilliseconds())));
        }

        BodyLimit limit = new BodyLimit(maxBody);
        ((AbstractServerFactory) configuration.getServerFactory()).setRegisterDefaultExceptionMappers(false);
        RunHistory runs = new RunHistory(jdbi.onDemand(ScheduledRunDao.class), checkDao, catalog, Clock.systemUTC());
        DefinitionLimit definitionLimit = new DefinitionLimit(
                configuration.getApi().getMaxMonitorDefinitionSize().toBytes());
        Api.register(environment.jersey(), intake, catalog, monitorChecks, history, queue, limit, definitionLimit,
                deliveries, runs);

        // Prometheus scrapes /metrics; Dropwizard's JSON metrics move to /metrics.json on the admin port
        environment.getAdminContext().setInitParameter("metrics-uri", "/metrics.json");
        environment.admin().addServlet("prometheus", new PrometheusServlet(environment.metrics(), catalog, history, runs))
                .addMapping("/metrics");
    }
}
