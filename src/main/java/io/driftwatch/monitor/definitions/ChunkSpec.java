package io.driftwatch.monitor.definitions;

import java.time.Duration;

/**
 * How a batch that covers a long period is split into chunks, one check each (the {@code chunks:} of
 * a monitor definition): by time, into buckets of {@code every} of the {@code column}'s timestamps
 * (aligned to whole multiples of {@code every} since the epoch, UTC), or into runs of {@code rows}
 * rows.
 *
 * @param every the length of a time chunk, or null to split by rows
 * @param column the timestamp column time chunks are cut by (null when splitting by rows)
 * @param rows the rows per chunk, or 0 to split by time
 *
 * <p>Thread-safe: immutable.
 */
public record ChunkSpec(Duration every, String column, int rows) {
    /** Whether chunks are cut by time rather than by row count. */
    public boolean byTime() {
        return every != null;
    }

    /** "1h chunks by ts" or "chunks of 10000 rows", for messages and the dashboard. */
    public String describe() {
        return byTime() ? "chunks of " + every.toString().substring(2).toLowerCase(java.util.Locale.ROOT) + " by "
                + column : "chunks of " + rows + " rows";
    }
}
