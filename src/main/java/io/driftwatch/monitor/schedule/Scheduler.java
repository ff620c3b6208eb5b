package io.driftwatch.monitor.schedule;

import io.driftwatch.monitor.checks.MonitorCatalog;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.monitor.definitions.Schedule;
import io.driftwatch.store.DatabaseReach;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs monitors that have a {@code schedule:}. Every poll it looks at each scheduled monitor's latest
 * due slot and, if this instance has not tried it yet, hands it to {@link ScheduledChecks}, which
 * runs it only if no other instance claimed it first.
 *
 * <p>After a start (or a restart after downtime) the first slot tried is the latest one due, so a
 * missed run happens once, not once per missed slot; earlier windows are for
 * {@code driftwatch backfill}. Slots before the monitor was created are never run by the scheduler.
 * A monitor's runs never overlap on one instance: a slot that falls due while the previous run is
 * still going waits for it.
 *
 * <p>Thread-safe.
 */
public final class Scheduler implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final MonitorCatalog catalog;
    private final ScheduledChecks checks;
    private final Clock clock;
    private final Duration pollInterval;
    private final int concurrency;
    private final Duration shutdownGracePeriod;
    /** The latest slot this instance tried, by monitor. */
    private final Map<String, Instant> tried = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private volatile boolean started;
    private ScheduledExecutorService poller;
    private ExecutorService workers;

    public Scheduler(MonitorCatalog catalog, ScheduledChecks checks, Clock clock, Duration pollInterval,
            int concurrency, Duration shutdownGracePeriod) {
        this.catalog = catalog;
        this.checks = checks;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.concurrency = concurrency;
        this.shutdownGracePeriod = shutdownGracePeriod;
    }

    @Override
    public synchronized void start() {
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "scheduled-run-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scheduler");
            t.setDaemon(true);
            return t;
        });
        started = true;
        poller.scheduleWithFixedDelay(this::pollQuietly, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (!started) {
            return;
        }
        started = false;
        poller.shutdownNow();
        workers.shutdown();
        if (!workers.awaitTermination(shutdownGracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("scheduled runs still going after {}: {}", shutdownGracePeriod, running);
            workers.shutdownNow();
        }
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // the next poll tries again
            Optional<String> outage = DatabaseReach.outage(e);
            if (outage.isPresent()) {
                LOG.warn("the scheduler could not look for due runs: the database cannot be reached ({})",
                        outage.get());
            } else {
                LOG.error("the scheduler could not look for due runs", e);
            }
        }
    }

    /** Starts every due slot this instance has not tried yet. */
    void poll() {
        Instant now = clock.instant();
        for (Monitor monitor : catalog.scheduled()) {
            Schedule schedule = monitor.definition().schedule().orElseThrow();
            Instant due = schedule.latestAtOrBefore(now);
            if (due.isBefore(monitor.createdAt()) || running.contains(monitor.id())) {
                continue;
            }
            Instant last = tried.get(monitor.id());
            if (last != null && !due.isAfter(last)) {
                continue;
            }
            String kind = last == null && due.isBefore(now.minus(pollInterval.multipliedBy(2)))
                    ? ScheduledChecks.CATCH_UP : ScheduledChecks.SCHEDULE;
            tried.put(monitor.id(), due);
            running.add(monitor.id());
            try {
                workers.execute(() -> run(monitor, due, kind));
            } catch (RejectedExecutionException e) {
                running.remove(monitor.id());
                return; // stopping
            }
        }
    }

    private void run(Monitor monitor, Instant slot, String kind) {
        try {
            checks.run(monitor, slot, kind);
        } catch (RuntimeException e) {
            LOG.error("the {} run of monitor {} for slot {} failed", kind, monitor.id(), slot, e);
        } finally {
            running.remove(monitor.id());
        }
    }
}
