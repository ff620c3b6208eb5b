package io.driftwatch.monitor.outbox;

import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import io.driftwatch.delivery.Receiver;
import io.driftwatch.monitor.policy.Receivers;
import io.driftwatch.store.OutboxDao;
import io.driftwatch.store.OutboxRow;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: finds due rows, leases each, sends it to its channel or trigger, and records
 * the outcome. A failed attempt is retried with exponential back-off and jitter, never sooner than
 * the receiver's {@code Retry-After}; a delivery still failing after the give-up horizon is marked
 * failed (retryable by hand).
 *
 * <p>One receiver's rows go strictly one after another, in the order they were queued: a row waiting
 * for its retry holds back the rows behind it, so a PagerDuty resolve never overtakes its trigger
 * and a receiver that asked for a pause ({@code Retry-After}) gets nothing else meanwhile. A row
 * delivered, refused for good or given up on lets the next one go: later rows are not dropped with
 * it (a resolve still closes whatever its trigger may have opened before the answer was lost). The
 * order is kept by the database ({@link OutboxDao#due} and {@link OutboxDao#claim} only ever offer a
 * receiver's first pending row), so it survives restarts and crashes and holds for several service
 * instances on one database. Different receivers are sent to in parallel, each on its own sender,
 * so a slow or failing receiver delays only its own deliveries, and never a check.
 *
 * <p>Everything it needs is in the database: a restart (or a crash, once the lease has run out)
 * picks up where it stopped. Receivers deduplicate by the row's idempotency key. The lease
 * ({@code outbox.lease}) must be longer than one attempt takes, or a second instance could send a
 * row again while the first is still sending it.
 *
 * <p>Thread-safe.
 */
public final class OutboxWorker implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);
    /** Receivers looked at per poll, and rows one sender sends to its receiver before it hands back its thread. */
    private static final int BATCH = 50;
    /** A receiver asking for more than this is retried after this anyway. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    /** How the worker paces itself. */
    public record Settings(Duration pollInterval, Duration lease, Duration initialBackoff, Duration maxBackoff,
            Duration giveUpAfter, int senders) {
    }

    private final OutboxDao outbox;
    private final Receivers receivers;
    private final Settings settings;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private boolean woken;
    /** The receivers ({@code kind/name}) a sender of this worker is sending to now. */
    private final Set<String> serving = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private Thread loop;
    private ExecutorService senders;

    public OutboxWorker(OutboxDao outbox, Receivers receivers, Settings settings, Clock clock) {
        this.outbox = outbox;
        this.receivers = receivers;
        this.settings = settings;
        this.clock = clock;
    }

    /** Asks the worker to look for due rows now (a check just queued some). */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        AtomicInteger n = new AtomicInteger();
        senders = Executors.newFixedThreadPool(Math.max(1, settings.senders()), r -> {
            Thread t = new Thread(r, "driftwatch-outbox-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        running = true;
        loop = new Thread(this::loop, "driftwatch-outbox");
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        wake();
        if (loop != null) {
            loop.join(settings.lease().toMillis());
        }
        if (senders != null) {
            senders.shutdownNow();
            senders.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private void loop() {
        while (running) {
            try {
                if (dispatch() == 0) {
                    sleep(settings.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database may be briefly unreachable; the rows wait in it, so try again later.
                LOG.warn("outbox: cannot read the due deliveries: {}", e.getMessage());
                try {
                    sleep(settings.pollInterval().multipliedBy(5));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void sleep(Duration d) throws InterruptedException {
        lock.lock();
        try {
            if (!woken && running) {
                wakeUp.await(d.toMillis(), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a sender for each receiver whose first pending row is due and that no sender of this
     * worker is serving; returns how many it started.
     */
    private int dispatch() {
        int started = 0;
        for (OutboxRow first : outbox.due(clock.instant(), BATCH)) {
            String receiver = first.targetKind() + "/" + first.targetName();
            if (!serving.add(receiver)) {
                continue;
            }
            try {
                senders.execute(() -> {
                    try {
                        sendInOrder(first);
                    } catch (RuntimeException e) {
                        // The row keeps its lease and is sent again when it ends; its receiver's later rows wait.
                        LOG.warn("outbox: sending to {} stopped: {}", receiver, e.getMessage());
                    } finally {
                        serving.remove(receiver);
                        wake();
                    }
                });
                started++;
            } catch (RejectedExecutionException e) {
                serving.remove(receiver); // stopping
            }
        }
        return started;
    }

    /**
     * Sends a receiver's rows one at a time from {@code first}, while they are due and each one before
     * is done with (delivered or failed), up to {@link #BATCH} rows.
     */
    private void sendInOrder(OutboxRow first) {
        String id = first.id();
        for (int n = 0; n < BATCH && running; n++) {
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (outbox.claim(id, at, at.plus(settings.lease())) == 0) {
                return; // not due, leased by another worker, or no longer first in line
            }
            Optional<OutboxRow> row = outbox.find(id); // as it is now: another worker may have tried it since
            if (row.isEmpty() || !deliver(row.get())) {
                return; // waits for its retry, and the rows behind it with it
            }
            Optional<OutboxRow> next = outbox.first(first.targetKind(), first.targetName());
            if (next.isEmpty()) {
                return;
            }
            id = next.get().id();
        }
    }

    /**
     * One attempt at one row, and its outcome recorded. True when the row is done with (delivered,
     * refused for good or given up on), so the receiver's next row may go; false when it waits for a
     * retry.
     */
    private boolean deliver(OutboxRow row) {
        Outcome outcome = send(row);
        Instant now = clock.instant();
        String kind = row.targetKind().value();
        if (outcome instanceof Outcome.Delivered delivered) {
            outbox.delivered(row.id(), now, delivered.externalId());
            LOG.info("outbox: delivered {} {} of monitor {} to {} {} ({})", row.event(), row.id(), row.monitorId(),
                    kind, row.targetName(), outcome.reason());
            return true;
        }
        if (outcome instanceof Outcome.Retry retry) {
            if (row.createdAt().plus(settings.giveUpAfter()).isBefore(now)) {
                outbox.failed(row.id(), "gave up after " + settings.giveUpAfter() + ": " + retry.reason());
                LOG.warn("outbox: gave up on {} to {} {}: {}", row.event(), kind, row.targetName(), retry.reason());
                return true;
            }
            Instant next = now.plus(backoff(row.attempts() + 1, retry.retryAfter()));
            outbox.retryAt(row.id(), next.truncatedTo(ChronoUnit.MICROS), retry.reason());
            LOG.info("outbox: {} to {} {} will be retried at {}: {}", row.event(), kind, row.targetName(), next,
                    retry.reason());
            return false;
        }
        outbox.failed(row.id(), outcome.reason());
        LOG.warn("outbox: {} to {} {} failed for good: {}", row.event(), kind, row.targetName(), outcome.reason());
        return true;
    }

    /** Exponential back-off with jitter (between half and all of the step), at least {@code retryAfter}. */
    Duration backoff(int attempt, Optional<Duration> retryAfter) {
        long initial = settings.initialBackoff().toMillis();
        long max = settings.maxBackoff().toMillis();
        long step = initial << Math.min(attempt - 1, 30);
        step = step <= 0 || step > max ? max : step;
        long jittered = step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
        Duration d = Duration.ofMillis(jittered);
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
            if (asked.compareTo(d) > 0) {
                d = asked;
            }
        }
        return d;
    }

    /** One attempt: the receiver's own outcome, or a failure when it cannot be sent at all. */
    private Outcome send(OutboxRow row) {
        Optional<Receiver> receiver = receivers.receiver(row.targetKind(), row.targetName());
        if (receiver.isEmpty()) {
            return new Outcome.Failed("the " + row.targetKind().value() + " '" + row.targetName()
                    + "' is no longer in the configuration");
        }
        try {
            return receiver.get().send(Payload.of(row.payload()), row.idempotencyKey());
        } catch (IllegalArgumentException e) {
            // it would fail the same way every time, and hold back the rows behind it
            return new Outcome.Failed("cannot be sent: " + e.getMessage());
        }
    }
}
