package io.driftwatch.profile.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs numbered work items on an executor: up to one worker per core, each pulling the next item
 * and keeping its own scratch state (made once, on its first item). The calling thread is one of the
 * workers, so the work finishes even when the executor's threads are all busy (or the executor runs
 * tasks on the caller): a worker that never starts takes no item, and the caller waits only for
 * items that were taken.
 *
 * <p>Public for the report, which builds its column views the same way; the profile's scans are its
 * other users.
 *
 * <p>Thread-safe: stateless.
 */
public final class Workers {
    private Workers() {
    }

    /** One item's work, with the worker's state. */
    @FunctionalInterface
    public interface Task<S> {
        void run(int item, S state);
    }

    /** Runs items {@code [0, items)} and returns when all are done; rethrows the first failure. */
    public static <S> void run(Executor executor, int items, Supplier<S> state, Task<S> task) {
        if (items <= 0) {
            return;
        }
        int workers = Math.min(items, Runtime.getRuntime().availableProcessors());
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(items);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            S s = null;
            for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) {
                        if (s == null) {
                            s = state.get();
                        }
                        task.run(i, s);
                    }
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }
        };
        for (int w = 1; w < workers; w++) {
            try {
                executor.execute(worker);
            } catch (RejectedExecutionException e) {
                break; // the caller does the rest
            }
        }
        worker.run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }
}
