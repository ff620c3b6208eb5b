package io.driftwatch.store;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * One claimed slot of a monitor's schedule: who ran it, when, over which window, and how it went.
 *
 * @param runKind {@code schedule} (on time), {@code catch-up} (the one missed slot run at start-up) or
 *     {@code backfill}
 * @param instance the service instance (or backfill command) that claimed it
 * @param state {@link #RUNNING}, {@link #DONE} or {@link #FAILED} (every check of it failed)
 * @param summary one line on what was read and checked
 *
 * <p>Thread-safe: immutable.
 */
public record ScheduledRunRow(String monitorId, Instant slot, Instant windowStart, Instant windowEnd,
        String runKind, String instance, String state, Instant startedAt, Instant finishedAt, int checkCount,
        int failedCount, long rowCount, String summary) {
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    @JdbiConstructor
    public ScheduledRunRow {
    }
}
