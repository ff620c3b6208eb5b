package io.driftwatch.monitor;

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
 * <p>Thread-safe.
 */
public final class CheckQueue implements Managed {
    private final ThreadPoolExecutor pool;
    private final Duration retryAfter;
    private final Duration grace;

    /**
     * @param concurrency checks that run at once
     * @param queueSize checks that may wait
     * @param retryAfter what a refused caller is told to wait
     * @param grace how long stopping waits for queued and running checks
     */
    public CheckQueue(int concurrency, int queueSize, Duration retryAfter, Duration grace) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
                queueSize == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queueSize), r -> {
                    Thread t = new Thread(r, "driftwatch-checks-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.retryAfter = retryAfter;
        this.grace = grace;
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
