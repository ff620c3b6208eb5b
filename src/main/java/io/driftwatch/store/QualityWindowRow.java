package io.driftwatch.store;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * A window as the quality history reads it: the check (its id, monitor, time, and the end of the
 * window of data a scheduled check read), its own model-quality verdict ({@link CheckQualityRow}), and
 * its newest evaluation from labels ({@link QualityEvaluationRow}); the evaluation's fields are null
 * while no label has been joined to the window's predictions.
 *
 * <p>Thread-safe: immutable.
 */
public record QualityWindowRow(String checkId, String monitorId, Instant createdAt, Instant windowEnd,
        boolean failed, int rowsScored, String summary, int predictions, String evaluationId, Instant evaluatedAt,
        Integer labelled, Double coverage, Long latencyMedianMs, Long latencyMaxMs, Boolean evaluationFailed,
        Integer evaluationRows, String evaluationSummary, String evaluationEstimateRealized) {

    @JdbiConstructor
    public QualityWindowRow {
    }
}
