package io.driftwatch.store;

import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * A check's label-free findings ({@code check_label_free}): whether its estimated performance left its
 * thresholds on some chunk, whether drift across columns alerted on some chunk (each null when the
 * monitor has no such analysis), and the findings in brief as a JSON document written and read by the
 * monitor layer.
 *
 * <p>Thread-safe: immutable.
 */
public record CheckLabelFreeRow(String checkId, Boolean estimateAlert, Boolean multivariateAlert, String summary) {

    @JdbiConstructor
    public CheckLabelFreeRow {
    }
}
