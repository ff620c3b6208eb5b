package io.driftwatch.monitor.definitions;

import java.time.Instant;

/**
 * A version of a monitor's reference: the dataset and profile a check compares against. Pinned
 * versions have no window; a rolled version was read from the source over {@code [windowStart, windowEnd)}.
 *
 * <p>Thread-safe: immutable.
 */
public record ReferenceVersion(int version, String datasetId, String profileSha256, Instant windowStart,
        Instant windowEnd) {
}
