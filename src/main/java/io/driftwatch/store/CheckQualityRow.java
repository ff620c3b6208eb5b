package io.driftwatch.store;

import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * A check's model-quality verdict ({@code check_model_quality}): whether the model failed its tests,
 * how many rows were scored, the verdict as a JSON document (written and read by the monitor layer),
 * how many prediction rows the check logged for labels that arrive later, and the newest evaluation
 * of those predictions once labels were joined to them (null before).
 *
 * <p>Thread-safe: immutable.
 */
public record CheckQualityRow(String checkId, boolean failed, int rowsScored, String summary, int predictions,
        String latestEvaluation) {

    @JdbiConstructor
    public CheckQualityRow {
    }
}
