package io.driftwatch.store;

import java.time.Instant;

/**
 * One check: the monitor (and its version) and dataset it evaluated, the dataset-level verdict,
 * the JSON result document and the report file (relative to the reports directory).
 *
 * <p>Thread-safe: immutable.
 */
public record CheckRow(String id, String monitorId, int monitorVersion, String datasetId, Instant createdAt,
        boolean driftDetected, double driftShare, double shareThreshold, int columnCount, int driftedCount,
        int errorCount, long durationMs, String result, String reportFile) {
}
