package io.driftwatch.monitor.checks;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded executor checks run on: a fixed number of checks at once, a bounded queue behind
 * them, and a {@link BusyException} (the API's 503 with {@code Retry-After}) when both are full,
 * so a burst of uploads slows callers down instead of exhausting memory. Stopping it lets queued
 * and running checks finish, up to a grace period.
 *
 * <p>Its saturation is visible in the metrics: gauges {@code checks.running} and
 * {@code checks.queued} against {@code checks.concurrency} and {@code checks.queue-size}, and the
 * meter {@code checks.rejected} of callers refused with 503.
 *
 * <p>Thread-safe.
 */
public final class CheckQueue implements Managed {
    private final ThreadPoolExecutor pool;
    private final Duration retryAfter;
    private final Duration grace;
    private final Meter rejected;

    /**
     * @param concurrency checks that run at once
     * @param queueSize checks that may wait
     * @param retryAfter what a refused caller is told to wait
     * @param grace how long stopping waits for queued and running checks
     * @param metrics where the {@code checks.*} gauges and the rejection meter are registered
     */
    public CheckQueue(int concurrency, int queueSize, Duration retryAfter, Duration grace, MetricRegistry metrics) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
                queueSize == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queueSize), r -> {
                    Thread t = new Thread(r, "driftwatch-checks-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.retryAfter = retryAfter;
        this.grace = grace;
        metrics.register(MetricRegistry.name("checks", "running"), (Gauge<Integer>) this::running);
        metrics.register(MetricRegistry.name("checks", "queued"), (Gauge<Integer>) this::queued);
        metrics.register(MetricRegistry.name("checks", "concurrency"), (Gauge<Integer>) () -> concurrency);
        metrics.register(MetricRegistry.name("checks", "queue-size"), (Gauge<Integer>) () -> queueSize);
        this.rejected = metrics.meter(MetricRegistry.name("checks", "rejected"));
    }

    /**
     * Runs {@code task} on the queue and waits for its result.
     *
     * @throws BusyException when the queue is full
     */
    public <T> T run(Callable<T> task) throws InterruptedException {
        Future<T> future;
        try {
            future = pool.submit(task);
        } catch (RejectedExecutionException e) {
            rejected.mark();
            throw new BusyException(pool.getActiveCount(), pool.getQueue().size(), retryAfter);
        }
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a check failed", cause);
        }
    }

    /** Checks running now. */
    public int running() {
        return pool.getActiveCount();
    }

    /** Checks waiting. */
    public int queued() {
        return pool.getQueue().size();
    }

    @Override
    public void stop() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }
}
