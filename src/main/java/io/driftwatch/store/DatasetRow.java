package io.driftwatch.store;

import java.time.Instant;

/**
 * One ingested batch: its content hash (the file's name in the {@link BlobStore}), format, size and
 * schema (a JSON array of {@code {"name", "type"}}, as the API returns it).
 *
 * <p>Thread-safe: immutable.
 */
public record DatasetRow(String id, String sha256, String format, long rowCount, long byteCount, String columns,
        Instant createdAt) {
}
