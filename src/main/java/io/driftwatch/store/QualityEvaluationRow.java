package io.driftwatch.store;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * One evaluation of a window (a check's logged predictions) from the labels known at
 * {@code evaluatedAt}: how many predictions the window has and how many of them are labelled, the
 * coverage (labelled / predictions), the latency of its labels (received − logged, milliseconds:
 * median and largest), and the model-quality verdict on the labelled rows (failed, rows scored, and
 * the verdict as a JSON document written and read by the monitor layer), and for a monitor that
 * estimates its performance without labels, the estimated metrics realized on those rows (JSON; null
 * otherwise).
 *
 * <p>Thread-safe: immutable.
 */
public record QualityEvaluationRow(String id, String checkId, String monitorId, Instant evaluatedAt, int predictions,
        int labelled, double coverage, long latencyMedianMs, long latencyMaxMs, boolean failed, int rowsScored,
        String summary, String estimateRealized) {

    @JdbiConstructor
    public QualityEvaluationRow {
    }
}
