package io.driftwatch.store;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * Where a scheduled or backfilled check's batch came from: the run ({@code schedule}, {@code catch-up}
 * or {@code backfill}) and slot, the window, the chunk of it (null when the batch was not split), and
 * what the source read (a file's name and content hash, a query, a URL; bytes and rows).
 *
 * <p>Thread-safe: immutable.
 */
public record CheckSourceRow(String checkId, String monitorId, String runKind, Instant slot, Instant windowStart,
        Instant windowEnd, Integer chunkIndex, Integer chunkCount, String sourceType, String location,
        String fileName, String sha256, Long byteCount, Long rowCount) {
    @JdbiConstructor
    public CheckSourceRow {
    }
}
