package io.driftwatch.monitor.checks;

import io.driftwatch.monitor.sources.SourceRead;
import io.driftwatch.monitor.sources.TimeWindow;
import java.time.Instant;

/**
 * Where a scheduled or backfilled check's batch came from: the kind of run and its slot, the window
 * (the chunk's own when the batch was split), which chunk, and what the source read.
 *
 * @param runKind {@code schedule}, {@code catch-up} or {@code backfill}
 * @param sourceType the source's type label (also when nothing could be read)
 * @param read what the source read, or null when the read failed
 * @param chunkIndex 1-based, or null when the batch was not split
 * @param rows the rows of the checked batch, or null when unknown
 * @param firstOfFile whether this check marks a directory source's file as read (the first check made of it)
 *
 * <p>Thread-safe: immutable.
 */
public record CheckOrigin(String runKind, Instant slot, TimeWindow window, String sourceType, SourceRead read,
        Integer chunkIndex, Integer chunkCount, Long rows, boolean firstOfFile) {

    public CheckOrigin withChunk(TimeWindow chunkWindow, int index, int count, long chunkRows, boolean first) {
        return new CheckOrigin(runKind, slot, chunkWindow, sourceType, read, index, count, chunkRows, first);
    }

    public CheckOrigin withRows(long batchRows) {
        return new CheckOrigin(runKind, slot, window, sourceType, read, chunkIndex, chunkCount, batchRows,
                firstOfFile);
    }
}
