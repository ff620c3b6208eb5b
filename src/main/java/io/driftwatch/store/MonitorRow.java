package io.driftwatch.store;

import java.time.Instant;

/**
 * A monitor as stored: its definition exactly as submitted (YAML or JSON, told by
 * {@code mediaType}), the reference dataset, the profile built from it, and a version that each
 * update increments.
 *
 * <p>Thread-safe: immutable.
 */
public record MonitorRow(String id, String definition, String mediaType, String referenceId, String profileSha256,
        int version, Instant createdAt, Instant updatedAt) {
}
