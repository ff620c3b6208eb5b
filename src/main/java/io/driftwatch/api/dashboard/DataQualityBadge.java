package io.driftwatch.api.dashboard;

import io.driftwatch.monitor.checks.Check;

/**
 * A check's data-quality verdict as the dashboard's lists show it, next to its drift verdict:
 * {@code 5 failed} with {@code 2 critical}, or {@code passed}.
 *
 * <p>Thread-safe: immutable.
 *
 * @param level {@code critical} (some failure is critical), {@code warning} (failures, none critical)
 *     or {@code passed}
 * @param failures the failures (failed tests plus broken reference conditions)
 * @param text the badge's words, e.g. {@code 5 failed}
 * @param critical e.g. {@code 2 critical}; null when none is
 * @param title the verdict in a sentence, for the tooltip
 */
public record DataQualityBadge(String level, int failures, String text, String critical, String title) {

    /** The badge of a check's data quality; null for a check without a data-quality analysis. */
    static DataQualityBadge of(Check.DataQuality q) {
        if (q == null) {
            return null;
        }
        if (!q.failed()) {
            return new DataQualityBadge("passed", 0, "passed", null,
                    "Data quality passed: no failed test or broken reference condition");
        }
        return new DataQualityBadge(q.critical() > 0 ? "critical" : "warning", q.failures(), q.failures() + " failed",
                q.critical() > 0 ? q.critical() + " critical" : null,
                "Data quality failed: " + DataQualityChart.failures(q)
                        + " (failed tests and broken reference conditions)");
    }
}
