package io.driftwatch.store;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * A version of a monitor's reference: the dataset and the profile built from it. A pinned reference
 * has no window; a rolled one was read from the source over {@code [windowStart, windowEnd)}.
 *
 * <p>Thread-safe: immutable.
 */
public record ReferenceVersionRow(String monitorId, int version, String datasetId, String profileSha256,
        Instant windowStart, Instant windowEnd, Instant createdAt) {
    @JdbiConstructor
    public ReferenceVersionRow {
    }
}
