package io.driftwatch.monitor.checks;

import java.time.Instant;

/**
 * A check the service ran and recorded: the dataset-level verdict, and where its documents are.
 *
 * @param id the check id
 * @param monitorId the monitor it evaluated
 * @param datasetId the current batch
 * @param createdAt when it ran
 * @param driftDetected the dataset drift verdict
 * @param driftShare drifted columns / tested columns
 * @param shareThreshold the monitor's drift-share policy at the time
 * @param columns columns tested
 * @param driftedColumns columns that drifted
 * @param errors columns that could not be tested
 * @param durationMs how long the check took, reading included
 * @param error why the check could not run (no verdict, no report); null for a check that ran
 * @param referenceVersion the version of the monitor's reference it was checked against; null in lists
 *     and for checks stored before versions were kept
 * @param windowStart for a check a scheduled run or a backfill made, the start of the window its data
 *     covers (in lists; null otherwise)
 * @param windowEnd the end of that window
 * @param dataQuality its data-quality failures; null when its monitor runs no integrity analysis or one
 *     without tests (and for a check that could not run, or one recorded before they were kept)
 */
public record Check(String id, String monitorId, String datasetId, Instant createdAt, boolean driftDetected,
        double driftShare, double shareThreshold, int columns, int driftedColumns, int errors, long durationMs,
        String error, Integer referenceVersion, Instant windowStart, Instant windowEnd, DataQuality dataQuality) {

    /**
     * A check's data-quality verdict in numbers: its failures (failed Evidently tests plus broken
     * reference conditions) and how many of them are critical (every failed test, and the critical
     * conditions). A check without failures has {@code 0, 0}.
     *
     * @param failures the failures
     * @param critical the critical ones among them
     */
    public record DataQuality(int failures, int critical) {
        public DataQuality {
            if (failures < 0 || critical < 0 || critical > failures) {
                throw new IllegalArgumentException("data-quality failures " + failures + " with " + critical
                        + " critical");
            }
        }

        /** The stored counts, or null when there are none (no integrity analysis). */
        public static DataQuality of(Integer failures, Integer critical) {
            return failures == null ? null : new DataQuality(failures, critical == null ? 0 : critical);
        }

        /** Whether the check has any data-quality failure. */
        public boolean failed() {
            return failures > 0;
        }
    }

    /** A check with its window, in a list, without data-quality counts. */
    public Check(String id, String monitorId, String datasetId, Instant createdAt, boolean driftDetected,
            double driftShare, double shareThreshold, int columns, int driftedColumns, int errors, long durationMs,
            String error, Integer referenceVersion, Instant windowStart, Instant windowEnd) {
        this(id, monitorId, datasetId, createdAt, driftDetected, driftShare, shareThreshold, columns, driftedColumns,
                errors, durationMs, error, referenceVersion, windowStart, windowEnd, null);
    }

    /** A check with its reference version, outside a list. */
    public Check(String id, String monitorId, String datasetId, Instant createdAt, boolean driftDetected,
            double driftShare, double shareThreshold, int columns, int driftedColumns, int errors, long durationMs,
            String error, Integer referenceVersion) {
        this(id, monitorId, datasetId, createdAt, driftDetected, driftShare, shareThreshold, columns, driftedColumns,
                errors, durationMs, error, referenceVersion, null, null);
    }

    /**
     * When the checked data was current, for charts over time: the end of its window for a scheduled
     * or backfilled check (a backfill checks last month's windows today), else when it was checked.
     */
    public Instant observedAt() {
        return windowEnd != null ? windowEnd : createdAt;
    }

    /** A check without its reference version (history lists). */
    public Check(String id, String monitorId, String datasetId, Instant createdAt, boolean driftDetected,
            double driftShare, double shareThreshold, int columns, int driftedColumns, int errors, long durationMs,
            String error) {
        this(id, monitorId, datasetId, createdAt, driftDetected, driftShare, shareThreshold, columns, driftedColumns,
                errors, durationMs, error, null);
    }

    /** A check that ran. */
    public Check(String id, String monitorId, String datasetId, Instant createdAt, boolean driftDetected,
            double driftShare, double shareThreshold, int columns, int driftedColumns, int errors, long durationMs) {
        this(id, monitorId, datasetId, createdAt, driftDetected, driftShare, shareThreshold, columns, driftedColumns,
                errors, durationMs, null);
    }

    /** Whether the check could not run. */
    public boolean failed() {
        return error != null;
    }
}
