package io.driftwatch.analysis;

import java.util.Objects;

/**
 * The outcome of one of Evidently's metric tests (the quality and integrity analyses run them):
 * which metric and part of its value were tested, on which column, against which condition, the
 * value tested and the status.
 *
 * <p>Thread-safe: immutable.
 *
 * @param metric the metric's key, Evidently's name in snake_case ({@code row_count},
 *     {@code missing_value_count}, {@code accuracy})
 * @param column the column the metric is of, or null for a dataset-level metric
 * @param slot which part of the metric's value was tested ({@code value}, {@code count},
 *     {@code share}, {@code mean}, {@code std}, or a label for by-label metrics)
 * @param condition what the value had to meet
 * @param value the current value that was tested
 * @param status Evidently's status
 */
public record MetricTest(String metric, String column, String slot, MetricCondition condition, double value,
        Status status) {

    /** Evidently's test statuses. */
    public enum Status {
        SUCCESS, FAIL, WARNING, ERROR;

        /** Whether the test failed (critical failure: every default test is critical). */
        public boolean failed() {
            return this == FAIL;
        }
    }

    public MetricTest {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(status, "status");
    }

    /** The critical test of {@code value} against {@code condition}: SUCCESS when it holds, FAIL otherwise. */
    public static MetricTest critical(String metric, String column, String slot, MetricCondition condition,
            double value) {
        return new MetricTest(metric, column, slot, condition, value,
                condition.holds(value) ? Status.SUCCESS : Status.FAIL);
    }
}
