package io.driftwatch.api;

import io.driftwatch.monitor.checks.Check;

/**
 * One check in a monitor's history: when, on what, the dataset verdict, and links to its documents.
 *
 * <p>Thread-safe: immutable.
 */
public record CheckSummary(String id, String monitorId, String datasetId, String createdAt, String status,
        String error, DatasetDrift datasetDrift, long durationMs, Links links) {

    /** The dataset-level verdict, with the same fields as in the JSON result. */
    public record DatasetDrift(boolean detected, double share, double threshold, int numberOfColumns,
            int numberOfDriftedColumns, int numberOfErrors) {
    }

    static CheckSummary of(Check c) {
        return new CheckSummary(c.id(), c.monitorId(), c.datasetId(), c.createdAt().toString(),
                c.failed() ? "failed" : "ok", c.error(), c.failed() ? null : new DatasetDrift(c.driftDetected(), c.driftShare(), c.shareThreshold(), c.columns(),
                        c.driftedColumns(), c.errors()),
                c.durationMs(), c.failed()
                        ? new Links("/api/v1/checks/" + c.id(), null, null, "/api/v1/monitors/" + c.monitorId())
                        : Links.ofCheck(c.id(), c.monitorId()));
    }
}
