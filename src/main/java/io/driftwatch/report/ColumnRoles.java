package io.driftwatch.report;

/**
 * Columns with a role in the monitor: target and prediction are pinned first in the report; the
 * datetime column orders the "values over time" charts. Each may be null.
 */
public record ColumnRoles(String target, String prediction, String datetime) {
    public static ColumnRoles none() {
        return new ColumnRoles(null, null, null);
    }
}
