package io.driftwatch.api;

import io.driftwatch.monitor.Check;

/**
 * One check in a monitor's history: when, on what, the dataset verdict, and links to its documents.
 *
 * <p>Thread-safe: immutable.
 */
public record CheckSummary(String id, String monitorId, String datasetId, String createdAt, DatasetDrift datasetDrift,
        long durationMs, Links links) {

    /** The dataset-level verdict, with the same fields as in the JSON result. */
    public record DatasetDrift(boolean detected, double share, double threshold, int numberOfColumns,
            int numberOfDriftedColumns, int numberOfErrors) {
    }

    static CheckSummary of(Check c) {
        return new CheckSummary(c.id(), c.monitorId(), c.datasetId(), c.createdAt().toString(),
                new DatasetDrift(c.driftDetected(), c.driftShare(), c.shareThreshold(), c.columns(),
                        c.driftedColumns(), c.errors()),
                c.durationMs(), Links.ofCheck(c.id(), c.monitorId()));
    }
}
