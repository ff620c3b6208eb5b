package io.driftwatch;

import com.codahale.metrics.MetricRegistry;
import io.driftwatch.monitor.Checks;
import io.driftwatch.monitor.CheckRunner;
import io.driftwatch.monitor.DatasetIntake;
import io.driftwatch.monitor.MonitorCatalog;
import io.driftwatch.monitor.Receivers;
import io.driftwatch.monitor.ScheduledChecks;
import io.driftwatch.monitor.source.SourceEnvironment;
import io.driftwatch.notify.Channel;
import io.driftwatch.notify.ChannelFactory;
import io.driftwatch.trigger.Trigger;
import io.driftwatch.trigger.TriggerFactory;
import io.driftwatch.store.BlobStore;
import io.driftwatch.store.CheckDao;
import io.driftwatch.store.DatasetDao;
import io.driftwatch.store.MonitorDao;
import io.driftwatch.store.ReferenceVersionDao;
import io.driftwatch.store.ScheduledRunDao;
import io.driftwatch.store.Transactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The monitor layer's objects built from the configuration and the database: what the service
 * runs on, and what commands that work like it ({@code notify-test}, {@code backfill}) need. Only
 * builds; no logic.
 *
 * <p>Thread-safe: immutable once built.
 */
public final class Monitoring {
    public final DatasetIntake intake;
    public final MonitorCatalog catalog;
    public final Checks checks;
    public final ScheduledChecks scheduledChecks;
    public final Jdbi jdbi;

    private Monitoring(DatasetIntake intake, MonitorCatalog catalog, Checks checks,
            ScheduledChecks scheduledChecks, Jdbi jdbi) {
        this.intake = intake;
        this.catalog = catalog;
        this.checks = checks;
        this.scheduledChecks = scheduledChecks;
        this.jdbi = jdbi;
    }

    /**
     * @param dataSources the configuration's {@code sources.dataSources}, built (and managed) by the caller
     * @param deliveriesQueued wakes the outbox worker after a check queued alerts (a no-op in commands:
     *     the service's worker finds the rows on its next poll)
     */
    public static Monitoring build(DriftwatchConfiguration configuration, Jdbi jdbi, Receivers receivers,
            Map<String, DataSource> dataSources, CheckRunner runner, Runnable deliveriesQueued, MetricRegistry metrics) {
        Path data = configuration.getDataDirectory();
        BlobStore blobs = BlobStore.in(data);
        DatasetDao datasets = jdbi.onDemand(DatasetDao.class);
        CheckDao checks = jdbi.onDemand(CheckDao.class);
        DatasetIntake intake = new DatasetIntake(datasets, blobs,
                configuration.getApi().intakeLimits(Runtime.getRuntime().maxMemory()), metrics);
        // every later read of an ingested batch applies the limits it was accepted under
        CheckRunner limitedRunner = runner == null ? null : runner.withCsvLimits(intake.csvLimits());
        MonitorCatalog catalog = new MonitorCatalog(jdbi.onDemand(MonitorDao.class), datasets, checks,
                jdbi.onDemand(ReferenceVersionDao.class), intake, blobs, configuration.getReportsDirectory(), receivers,
                sourceEnvironment(configuration, dataSources));
        Checks monitorChecks = new Checks(catalog, intake, new Transactions(jdbi), receivers, deliveriesQueued,
                limitedRunner, configuration.getReportsDirectory(), metrics);
        ScheduledChecks scheduled = new ScheduledChecks(catalog, intake, monitorChecks, jdbi.onDemand(ScheduledRunDao.class),
                checks, instanceName(configuration),
                java.time.Duration.ofMillis(configuration.getScheduler().getStaleAfter().toMilliseconds()),
                Clock.systemUTC());
        return new Monitoring(intake, catalog, monitorChecks, scheduled, jdbi);
    }

    /** The channels and triggers the configuration declares. */
    public static Receivers receivers(DriftwatchConfiguration configuration) {
        List<Channel> channels = new ArrayList<>();
        for (ChannelFactory f : configuration.getChannels()) {
            channels.add(f.build());
        }
        List<Trigger> triggers = new ArrayList<>();
        for (TriggerFactory f : configuration.getTriggers()) {
            triggers.add(f.build());
        }
        return new Receivers(channels, triggers, configuration.getPublicUrl());
    }

    private static SourceEnvironment sourceEnvironment(DriftwatchConfiguration configuration,
            Map<String, DataSource> dataSources) {
        List<Path> directories = new ArrayList<>();
        for (Path p : configuration.getSources().getDirectories()) {
            directories.add(p.toAbsolutePath().normalize());
        }
        Path tmp = configuration.getDataDirectory().resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + tmp, e);
        }
        return new SourceEnvironment(dataSources, directories, System::getenv, tmp);
    }

    /** The configured name, or host name, process id and a few random characters (unique per process). */
    private static String instanceName(DriftwatchConfiguration configuration) {
        String configured = configuration.getScheduler().getInstanceName();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":"
                + UUID.randomUUID().toString().substring(0, 4);
    }
}
