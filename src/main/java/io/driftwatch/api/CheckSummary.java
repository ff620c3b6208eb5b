package io.driftwatch.api;

import io.driftwatch.monitor.checks.Check;
import io.driftwatch.monitor.checks.QualityWindow;

/**
 * One check in a monitor's history: when, on what, the dataset verdict, its data-quality failures, its
 * model quality, and links to its documents.
 *
 * <p>Thread-safe: immutable.
 *
 * @param dataQuality its data-quality failures; null when its monitor runs no integrity analysis (or
 *     one with {@code tests: none}), and for a check that could not run
 * @param modelQuality its model quality (its own, or from the labels that arrived since, with their
 *     coverage and latency); null when its monitor has no model, and for a check that could not run
 */
public record CheckSummary(String id, String monitorId, String datasetId, String createdAt, String status,
        String error, DatasetDrift datasetDrift, DataQuality dataQuality, QualityWindowSummary modelQuality,
        long durationMs, Links links) {

    /** The dataset-level verdict, with the same fields as in the JSON result. */
    public record DatasetDrift(boolean detected, double share, double threshold, int numberOfColumns,
            int numberOfDriftedColumns, int numberOfErrors) {
    }

    /**
     * A check's data-quality failures: failed Evidently tests plus broken reference conditions, and
     * how many of them are critical (every failed test, and the critical conditions).
     */
    public record DataQuality(int failures, int critical) {
    }

    static CheckSummary of(Check c) {
        return of(c, null);
    }

    /** The summary of {@code c} with its model quality {@code window} (null without). */
    static CheckSummary of(Check c, QualityWindow window) {
        Check.DataQuality quality = c.dataQuality();
        return new CheckSummary(c.id(), c.monitorId(), c.datasetId(), c.createdAt().toString(),
                c.failed() ? "failed" : "ok", c.error(), c.failed() ? null : new DatasetDrift(c.driftDetected(), c.driftShare(), c.shareThreshold(), c.columns(),
                        c.driftedColumns(), c.errors()),
                quality == null ? null : new DataQuality(quality.failures(), quality.critical()),
                window == null ? null : QualityWindowSummary.of(window), c.durationMs(), c.failed()
                        ? new Links("/api/v1/checks/" + c.id(), null, null, "/api/v1/monitors/" + c.monitorId())
                        : Links.ofCheck(c.id(), c.monitorId()));
    }
}
