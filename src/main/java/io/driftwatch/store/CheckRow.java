package io.driftwatch.store;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * One check: the monitor (and its version) and dataset it evaluated, the dataset-level verdict,
 * the JSON result document and the report file (relative to the reports directory). A check that
 * could not run has status {@link #FAILED}, its reason in {@code error}, and no result or report (and
 * no dataset when nothing could be read). {@code referenceVersion} is the monitor's reference version
 * it was checked against (null for checks stored before versions were kept).
 * {@code dataQualityFailures} counts its data-quality failures (failed Evidently tests and broken
 * reference conditions) and {@code dataQualityCritical} the critical ones among them; both are null
 * for a check whose monitor runs no integrity analysis (or one without tests), one that could not
 * run, and those stored before they were kept.
 *
 * <p>Thread-safe: immutable.
 */
public record CheckRow(String id, String monitorId, int monitorVersion, String datasetId, Instant createdAt,
        boolean driftDetected, double driftShare, double shareThreshold, int columnCount, int driftedCount,
        int errorCount, long durationMs, String result, String reportFile, String status, String error,
        Integer referenceVersion, Integer dataQualityFailures, Integer dataQualityCritical) {
    /** The status of a check that ran. */
    public static final String OK = "ok";
    /** The status of a check that could not run (its {@code error} says why; no result, no report). */
    public static final String FAILED = "failed";

    @JdbiConstructor
    public CheckRow {
    }

    /** A check that ran. */
    public CheckRow(String id, String monitorId, int monitorVersion, String datasetId, Instant createdAt,
        boolean driftDetected, double driftShare, double shareThreshold, int columnCount, int driftedCount,
        int errorCount, long durationMs, String result, String reportFile) {
        this(id, monitorId, monitorVersion, datasetId, createdAt, driftDetected, driftShare, shareThreshold,
                columnCount, driftedCount, errorCount, durationMs, result, reportFile, OK, null, null, null, null);
    }
}
