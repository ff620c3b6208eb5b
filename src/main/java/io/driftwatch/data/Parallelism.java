package io.driftwatch.data;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Whether a bulk operation on one column may use other cores. A caller that already runs many
 * columns at once on all cores asks for {@link #SINGLE_THREAD}: nested parallelism would only add
 * merging work and compete for the same cores.
 */
public enum Parallelism {
    /** On the calling thread only. */
    SINGLE_THREAD,
    /** Large inputs split across the common fork-join pool. */
    ALL_CORES;

    /**
     * Waits for every one of {@code tasks}, even when interrupted (the interrupt is restored after);
     * then rethrows what a task threw that it did not record itself (its last), unwrapped, so helpers
     * never outlive the read that started them.
     */
    public static void awaitAll(List<? extends Future<?>> tasks) {
        boolean interrupted = false;
        Throwable unexpected = null;
        for (Future<?> f : tasks) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    unexpected = e.getCause();
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (unexpected instanceof RuntimeException r) {
            throw r;
        }
        if (unexpected instanceof Error err) {
            throw err;
        }
    }

    /**
     * Waits for a task run on another thread and returns its result; a task that failed throws what
     * it threw (unwrapped from the {@link CompletionException}), so callers see the same exception
     * as if they had run it themselves.
     */
    public static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
