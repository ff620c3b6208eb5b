package io.driftwatch.store;

import java.time.Instant;

/**
 * A check without its result document: what history pages, sparklines and metrics read.
 *
 * <p>Thread-safe: immutable.
 */
public record CheckSummaryRow(String id, String monitorId, String datasetId, Instant createdAt,
        boolean driftDetected, double driftShare, double shareThreshold, int columnCount, int driftedCount,
        int errorCount, long durationMs) {
}
