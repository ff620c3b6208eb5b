package io.driftwatch.integrity;

/**
 * The keys of the data summary's metrics and the slots of their values, as the JSON result, the
 * report and the policy name them: Evidently's metric names in snake_case (see DESIGN.md, "Metric
 * keys").
 *
 * <p>Thread-safe: constants only.
 */
public final class MetricKeys {
    public static final String ROW_COUNT = "row_count";
    public static final String COLUMN_COUNT = "column_count";
    public static final String DUPLICATED_ROW_COUNT = "duplicated_row_count";
    public static final String DUPLICATED_COLUMNS_COUNT = "duplicated_columns_count";
    public static final String ALMOST_DUPLICATED_COLUMNS_COUNT = "almost_duplicated_columns_count";
    public static final String CONSTANT_COLUMNS_COUNT = "constant_columns_count";
    public static final String ALMOST_CONSTANT_COLUMNS_COUNT = "almost_constant_columns_count";
    public static final String EMPTY_ROWS_COUNT = "empty_rows_count";
    public static final String EMPTY_COLUMNS_COUNT = "empty_columns_count";
    public static final String DATASET_MISSING_VALUE_COUNT = "dataset_missing_value_count";
    public static final String MISSING_VALUE_COUNT = "missing_value_count";
    public static final String MIN = "min";
    public static final String MAX = "max";
    public static final String MEAN = "mean";
    public static final String STD = "std";
    public static final String QUANTILE_25 = "quantile_25";
    public static final String QUANTILE_50 = "quantile_50";
    public static final String QUANTILE_75 = "quantile_75";
    public static final String UNIQUE_VALUE_COUNT = "unique_value_count";

    /** The slot of a single-valued metric. */
    public static final String VALUE = "value";
    /** The count of a count-and-share metric. */
    public static final String COUNT = "count";
    /** The share of a count-and-share metric. */
    public static final String SHARE = "share";

    private MetricKeys() {
    }
}
