package io.driftwatch.store;

import java.time.Instant;

/**
 * A reference profile file in the {@link BlobStore} and the dataset it was built from.
 *
 * <p>Thread-safe: immutable.
 */
public record ProfileRow(String sha256, String datasetId, long rowCount, long byteCount, Instant createdAt) {
}
