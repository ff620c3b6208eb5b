package io.driftwatch.store;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * A check without its result document: what history pages, sparklines and metrics read.
 * {@code error} is null for a check that ran, and says why for one that could not. A check a
 * scheduled run or a backfill made has the window its data covers; others have none. Its data-quality
 * counts are those of {@link CheckRow} (null without an integrity analysis).
 *
 * <p>Thread-safe: immutable.
 */
public record CheckSummaryRow(String id, String monitorId, String datasetId, Instant createdAt,
        boolean driftDetected, double driftShare, double shareThreshold, int columnCount, int driftedCount,
        int errorCount, long durationMs, String status, String error, Instant windowStart, Instant windowEnd,
        Integer dataQualityFailures, Integer dataQualityCritical) {

    @JdbiConstructor
    public CheckSummaryRow {
    }

    /** A check that ran. */
    public CheckSummaryRow(String id, String monitorId, String datasetId, Instant createdAt, boolean driftDetected,
            double driftShare, double shareThreshold, int columnCount, int driftedCount, int errorCount,
            long durationMs) {
        this(id, monitorId, datasetId, createdAt, driftDetected, driftShare, shareThreshold, columnCount,
                driftedCount, errorCount, durationMs, CheckRow.OK, null, null, null, null, null);
    }
}
