package io.driftwatch;

import com.codahale.metrics.MetricRegistry;
import io.driftwatch.cli.ObjectStorageHealthCheck;
import io.driftwatch.monitor.checks.CheckHistory;
import io.driftwatch.monitor.checks.CheckQueue;
import io.driftwatch.monitor.checks.Checks;
import io.driftwatch.monitor.checks.CheckRunner;
import io.driftwatch.monitor.checks.DatasetIntake;
import io.driftwatch.monitor.checks.Labels;
import io.driftwatch.monitor.outbox.Deliveries;
import io.driftwatch.monitor.Leftovers;
import io.driftwatch.monitor.checks.MonitorCatalog;
import io.driftwatch.monitor.outbox.OutboxWorker;
import io.driftwatch.monitor.policy.Receivers;
import io.driftwatch.monitor.schedule.RunHistory;
import io.driftwatch.monitor.schedule.ScheduledChecks;
import io.driftwatch.store.BlobStore;
import io.driftwatch.store.ReportStore;
import io.driftwatch.store.StorageFactory;
import io.driftwatch.store.CheckDao;
import io.driftwatch.store.DatasetDao;
import io.driftwatch.store.MonitorDao;
import io.driftwatch.store.OutboxDao;
import io.driftwatch.store.QualityDao;
import io.driftwatch.store.ReferenceVersionDao;
import io.driftwatch.store.ScheduledRunDao;
import io.driftwatch.store.Transactions;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The one composition root: builds, through the configuration's factories, every object the service
 * runs on ({@link #forService}), and the same objects for the commands that work like the service
 * ({@link #forCommand}: {@code backfill}, {@code notify-test}). Objects that own threads or
 * connections go to the environment's lifecycle. Only builds; no logic.
 *
 * <p>Thread-safe: immutable once built.
 */
public final class Monitoring {
    public final Receivers receivers;
    public final DatasetIntake intake;
    public final MonitorCatalog catalog;
    public final Checks checks;
    public final ScheduledChecks scheduledChecks;
    public final Labels labels;
    /** Where check reports are kept (the reports directory, or a bucket with that directory as cache). */
    public final ReportStore reports;

    private Monitoring(Receivers receivers, DatasetIntake intake, MonitorCatalog catalog, Checks checks,
            ScheduledChecks scheduledChecks, Labels labels, ReportStore reports) {
        this.receivers = receivers;
        this.intake = intake;
        this.catalog = catalog;
        this.checks = checks;
        this.scheduledChecks = scheduledChecks;
        this.labels = labels;
        this.reports = reports;
    }

    /**
     * What only the service runs, beside the objects commands share: the check queue the API runs checks
     * on, and the histories and deliveries the API and the dashboard read.
     */
    public record Service(Monitoring monitoring, CheckQueue queue, CheckHistory history, Deliveries deliveries,
            RunHistory runs) {
    }

    /**
     * The service: its database (checked for migrations), the start-up clean-up, the check runner and
     * queue, the outbox worker, the sources' data sources and, unless turned off, the scheduler, each
     * managed by {@code environment} in the order they must start (the reverse of the order they stop).
     */
    public static Service forService(DriftwatchConfiguration configuration, Environment environment)
            throws Exception {
        return forService(configuration, environment, Clock.systemUTC());
    }

    /**
     * As {@link #forService(DriftwatchConfiguration, Environment)}, with checks recorded and labels
     * received at the times {@code clock} tells (the scheduler keeps the system clock).
     */
    public static Service forService(DriftwatchConfiguration configuration, Environment environment, Clock clock)
            throws Exception {
        Jdbi jdbi = configuration.getDatabase().buildJdbiForServer(environment);
        CheckDao checks = jdbi.onDemand(CheckDao.class);
        // first of the managed objects after the pool: what a killed process left is gone before anything writes
        environment.lifecycle().manage(new Leftovers(configuration.getDataDirectory(),
                configuration.getReportsDirectory(), jdbi.onDemand(MonitorDao.class), checks,
                configuration.getScheduler().staleAfterDuration(), Clock.systemUTC()));
        // before what uses the stores, so that it stops after them
        StorageFactory.Storage storage = storage(configuration, environment);
        ObjectStorageHealthCheck.register(environment, storage);
        CheckRunner runner = runner(environment);
        CheckQueue queue = configuration.getChecks().build(environment);
        Receivers receivers = configuration.buildReceivers();
        OutboxDao outboxDao = jdbi.onDemand(OutboxDao.class);
        OutboxWorker outbox = configuration.getOutbox().build(environment, outboxDao, receivers);
        Monitoring monitoring = build(configuration, storage, jdbi, receivers,
                configuration.getSources().buildDataSources(environment), runner, outbox::wake, environment.metrics(),
                clock);
        Deliveries deliveries = new Deliveries(outboxDao, monitoring.catalog, outbox::wake);
        CheckHistory history = new CheckHistory(checks, jdbi.onDemand(QualityDao.class), monitoring.catalog,
                monitoring.reports);
        if (configuration.getScheduler().isEnabled()) {
            configuration.getScheduler().build(environment, monitoring.catalog, monitoring.scheduledChecks,
                    configuration.getChecks().shutdownGrace());
        }
        RunHistory runs = new RunHistory(jdbi.onDemand(ScheduledRunDao.class), checks, monitoring.catalog,
                Clock.systemUTC());
        return new Service(monitoring, queue, history, deliveries, runs);
    }

    /**
     * The objects a command that works like the service needs, on the service's database (checked for
     * migrations; {@code command} names the verb in what it says when the database cannot be opened).
     * None of the service's threads run: alerts a check queues wait in the outbox for the service's
     * worker. The command stops what {@code environment} manages when it is done.
     */
    public static Monitoring forCommand(DriftwatchConfiguration configuration, Environment environment,
            String command) throws Exception {
        Receivers receivers = configuration.buildReceivers();
        Jdbi jdbi = configuration.getDatabase().buildJdbi(environment, command);
        return build(configuration, storage(configuration, environment), jdbi, receivers,
                configuration.getSources().buildDataSources(environment), runner(environment), () -> { },
                environment.metrics(), Clock.systemUTC());
    }

    /**
     * The monitor layer's objects on {@code jdbi}, a database the caller opened (tests open their own).
     *
     * @param dataSources the configuration's {@code sources.dataSources}, built (and managed) by the caller
     * @param deliveriesQueued wakes the outbox worker after a check queued alerts (a no-op in commands:
     *     the service's worker finds the rows on its next poll)
     */
    public static Monitoring build(DriftwatchConfiguration configuration, Jdbi jdbi, Receivers receivers,
            Map<String, DataSource> dataSources, CheckRunner runner, Runnable deliveriesQueued, MetricRegistry metrics) {
        return build(configuration, jdbi, receivers, dataSources, runner, deliveriesQueued, metrics,
                Clock.systemUTC());
    }

    /** As the overload without a clock, with checks recorded and labels received at the times {@code clock} tells. */
    public static Monitoring build(DriftwatchConfiguration configuration, Jdbi jdbi, Receivers receivers,
            Map<String, DataSource> dataSources, CheckRunner runner, Runnable deliveriesQueued, MetricRegistry metrics,
            Clock clock) {
        return build(configuration, configuration.getStorage().build(configuration.getDataDirectory(),
                configuration.getReportsDirectory()), jdbi, receivers, dataSources, runner, deliveriesQueued, metrics,
                clock);
    }

    private static Monitoring build(DriftwatchConfiguration configuration, StorageFactory.Storage storage, Jdbi jdbi,
            Receivers receivers, Map<String, DataSource> dataSources, CheckRunner runner, Runnable deliveriesQueued,
            MetricRegistry metrics, Clock clock) {
        Path data = configuration.getDataDirectory();
        BlobStore blobs = storage.blobs();
        DatasetDao datasets = jdbi.onDemand(DatasetDao.class);
        CheckDao checks = jdbi.onDemand(CheckDao.class);
        DatasetIntake intake = new DatasetIntake(datasets, blobs,
                configuration.getApi().intakeLimits(Runtime.getRuntime().maxMemory()), metrics);
        // every later read of an ingested batch applies the limits it was accepted under
        CheckRunner limitedRunner = runner.withCsvLimits(intake.csvLimits());
        MonitorCatalog catalog = new MonitorCatalog(jdbi.onDemand(MonitorDao.class), datasets, checks,
                jdbi.onDemand(ReferenceVersionDao.class), intake, blobs, storage.reports(), receivers,
                configuration.getSources().build(dataSources, data));
        Transactions transactions = new Transactions(jdbi);
        Checks monitorChecks = new Checks(catalog, intake, transactions, receivers, deliveriesQueued,
                limitedRunner, storage.reports(), metrics, clock);
        ScheduledChecks scheduled = new ScheduledChecks(catalog, intake, monitorChecks, jdbi.onDemand(ScheduledRunDao.class),
                checks, configuration.getScheduler().instanceNameOrDefault(),
                configuration.getScheduler().staleAfterDuration(), Clock.systemUTC());
        return new Monitoring(receivers, intake, catalog, monitorChecks, scheduled,
                new Labels(catalog, intake, transactions, clock), storage.reports());
    }

    /** The configured stores; their bucket's client (if any) is closed when the environment stops. */
    private static StorageFactory.Storage storage(DriftwatchConfiguration configuration, Environment environment) {
        StorageFactory.Storage storage = configuration.getStorage().build(configuration.getDataDirectory(),
                configuration.getReportsDirectory());
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                storage.close();
            }
        });
        return storage;
    }

    /** A check runner on one thread per core, closed when the environment stops. */
    private static CheckRunner runner(Environment environment) {
        CheckRunner runner = CheckRunner.withCores();
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                runner.close();
            }
        });
        return runner;
    }
}
