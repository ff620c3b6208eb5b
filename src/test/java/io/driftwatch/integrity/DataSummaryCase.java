package io.driftwatch.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.data.CategoricalColumnBuilder;
import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of the data-summary oracle ({@code src/test/resources/oracle/quality/data_summary.json},
 * Evidently 0.7.21's {@code DataSummaryPreset}; see the oracle README, sections 1 and 8): its frames
 * as {@link Table}s, its column types, and what Evidently computed, flattened so that any rendering of
 * a data summary (the Java records, the JSON result) can be compared with it.
 *
 * <p>Flattened keys: {@code <side>/<metric key>[<column>]/<part>} with side {@code current} or
 * {@code reference}, the metric key of DESIGN.md ({@code row_count}, {@code missing_value_count}, …),
 * the column only for per-column metrics, and the part: {@code value} for single values,
 * {@code count}/{@code share} for counts with a share, the type for {@code column_count}
 * ({@code total}, {@code numerical}, {@code categorical}, {@code datetime}, {@code text}), and the label
 * (as text: booleans {@code true}/{@code false}, whole numbers without a decimal point) for
 * {@code unique_value_count}, whose entries of count 0 (a value only on the other side, or NaN) are
 * left out. Example: {@code current/quantile_25[num]/value}.
 *
 * <p>Types: the definition's lists; a column Evidently took as the {@code timestamp} (scenario
 * {@code inferred_types}) counts in the dataset statistics but in no type, which is
 * {@link ColumnType#UNSUPPORTED} here. Dtypes: {@code float64} → {@code FLOAT}, {@code int64} →
 * {@code INTEGER}, {@code bool} → {@code BOOLEAN} (0/1), {@code datetime} → {@code TIMESTAMP} (epoch
 * milliseconds, UTC), {@code string} → text.
 */
public record DataSummaryCase(JsonNode json) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Where the cases are on the test class path. */
    public static final String RESOURCE = "/oracle/quality/data_summary.json";

    /** Every case of the file. */
    public static List<DataSummaryCase> load() {
        try (InputStream in = DataSummaryCase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            List<DataSummaryCase> cases = new ArrayList<>();
            for (JsonNode c : MAPPER.readTree(in).get("cases")) {
                cases.add(new DataSummaryCase(c));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String id() {
        return json.get("id").asText();
    }

    @Override
    public String toString() {
        return id();
    }

    public boolean hasReference() {
        return json.get("has_reference").asBoolean();
    }

    /** The current frame. */
    public Table current() {
        return table("current");
    }

    /** The reference frame; only when {@link #hasReference()}. */
    public Table reference() {
        if (!hasReference()) {
            throw new IllegalStateException(id() + " has no reference");
        }
        return table("reference");
    }

    /** Each column's type, in frame order. */
    public Map<String, ColumnType> types() {
        JsonNode definition = json.get("data_definition");
        Map<String, ColumnType> byName = new LinkedHashMap<>();
        list(definition, "numerical_columns", ColumnType.NUMERICAL, byName);
        list(definition, "categorical_columns", ColumnType.CATEGORICAL, byName);
        list(definition, "datetime_columns", ColumnType.DATETIME, byName);
        list(definition, "text_columns", ColumnType.TEXT, byName);
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (JsonNode col : json.get("columns")) {
            String name = col.get("name").asText();
            types.put(name, byName.getOrDefault(name, ColumnType.UNSUPPORTED));
        }
        return types;
    }

    /** Every value Evidently computed, by flattened key (see the class comment), in Evidently's order. */
    public Map<String, Double> expectedValues() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (JsonNode m : json.get("expected").get("metrics")) {
            flatten(m, "current", out);
            if (hasReference()) {
                flatten(m, "reference", out);
            }
        }
        return out;
    }

    /** The tolerance of a flattened key (section 8.3): relative 1e-10 and absolute 1e-12 for means, deviations and quantiles, else exact. */
    public static double[] tolerance(String key) {
        String metric = key.substring(key.indexOf('/') + 1);
        if (metric.startsWith(MetricKeys.MEAN) || metric.startsWith(MetricKeys.STD)
                || metric.startsWith("quantile_")) {
            return new double[] {1e-10, 1e-12};
        }
        return new double[] {0, 0};
    }

    /**
     * One of Evidently's tests: the metric key, its column (null for the dataset), the slot, the
     * operator, whether the bound is the reference's value, the bound's value (the constant or the
     * reference's value), the tested value and the status.
     */
    public record ExpectedTest(String metric, String column, String slot, String op, boolean reference, double bound,
            double tested, String status) {
        /** Whether a status other than {@link #status} is acceptable: the value lies within 1e-9 of a bound. */
        public boolean nearBound(double lower, double upper) {
            return Math.abs(tested - lower) <= 1e-9 * Math.max(1, Math.abs(lower))
                    || Math.abs(tested - upper) <= 1e-9 * Math.max(1, Math.abs(upper));
        }
    }

    /** Evidently's tests, in its order. */
    public List<ExpectedTest> expectedTests() {
        List<ExpectedTest> out = new ArrayList<>();
        JsonNode metrics = json.get("expected").get("metrics");
        for (JsonNode t : json.get("expected").get("tests")) {
            JsonNode metric = metrics.get(t.get("metric_index").asInt());
            JsonNode bound = t.get("bound");
            boolean reference = bound.get("kind").asText().equals("reference");
            double value = number(reference ? bound.get("reference_value") : bound.get("value"));
            out.add(new ExpectedTest(key(metric), column(metric), t.get("slot").get("kind").asText(),
                    t.get("op").asText(), reference, value, number(t.get("tested_value")), t.get("status").asText()));
        }
        return out;
    }

    /** The metric key of one of Evidently's metrics (with its parameters). */
    public static String key(JsonNode metric) {
        return switch (metric.get("metric").asText()) {
            case "RowCount" -> MetricKeys.ROW_COUNT;
            case "ColumnCount" -> MetricKeys.COLUMN_COUNT;
            case "DuplicatedRowCount" -> MetricKeys.DUPLICATED_ROW_COUNT;
            case "DuplicatedColumnsCount" -> MetricKeys.DUPLICATED_COLUMNS_COUNT;
            case "AlmostDuplicatedColumnsCount" -> MetricKeys.ALMOST_DUPLICATED_COLUMNS_COUNT;
            case "AlmostConstantColumnsCount" -> MetricKeys.ALMOST_CONSTANT_COLUMNS_COUNT;
            case "EmptyRowsCount" -> MetricKeys.EMPTY_ROWS_COUNT;
            case "EmptyColumnsCount" -> MetricKeys.EMPTY_COLUMNS_COUNT;
            case "ConstantColumnsCount" -> MetricKeys.CONSTANT_COLUMNS_COUNT;
            case "DatasetMissingValueCount" -> MetricKeys.DATASET_MISSING_VALUE_COUNT;
            case "MissingValueCount" -> MetricKeys.MISSING_VALUE_COUNT;
            case "MinValue" -> MetricKeys.MIN;
            case "MaxValue" -> MetricKeys.MAX;
            case "MeanValue" -> MetricKeys.MEAN;
            case "StdValue" -> MetricKeys.STD;
            case "QuantileValue" -> switch (metric.get("params").get("quantile").asText()) {
                case "0.25" -> MetricKeys.QUANTILE_25;
                case "0.5" -> MetricKeys.QUANTILE_50;
                case "0.75" -> MetricKeys.QUANTILE_75;
                default -> throw new IllegalArgumentException("quantile " + metric.get("params"));
            };
            case "UniqueValueCount" -> MetricKeys.UNIQUE_VALUE_COUNT;
            default -> throw new IllegalArgumentException("unknown metric " + metric.get("metric"));
        };
    }

    /** The column of a per-column metric, else null. */
    public static String column(JsonNode metric) {
        JsonNode c = metric.get("params").get("column");
        return c == null ? null : c.asText();
    }

    /** A number in the oracle's encoding ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} as strings). */
    public static double number(JsonNode v) {
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (v.isTextual()) {
            return Double.parseDouble(v.asText());
        }
        return v.asDouble();
    }

    /** A label of {@code UniqueValueCount} as text, or null for NaN. */
    public static String label(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "true" : "false";
        }
        if (v.isIntegralNumber()) {
            return Long.toString(v.asLong());
        }
        if (v.isNumber()) {
            double d = v.asDouble();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        return v.asText();
    }

    private void flatten(JsonNode metric, String side, Map<String, Double> out) {
        String key = key(metric);
        String column = column(metric);
        String prefix = side + "/" + key + (column == null ? "" : "[" + column + "]") + "/";
        JsonNode v = metric.get(side);
        switch (v.get("type").asText()) {
            case "single" -> {
                if (key.equals(MetricKeys.COLUMN_COUNT)) {
                    JsonNode type = metric.get("params").get("column_type");
                    String part = type == null ? "total" : switch (type.asText()) {
                        case "num" -> "numerical";
                        case "cat" -> "categorical";
                        default -> type.asText();
                    };
                    out.put(prefix + part, number(v.get("value")));
                } else {
                    out.put(prefix + "value", number(v.get("value")));
                }
            }
            case "count" -> {
                out.put(prefix + "count", number(v.get("count")));
                out.put(prefix + "share", number(v.get("share")));
            }
            case "by_label_count" -> {
                for (JsonNode pair : v.get("counts")) {
                    double count = number(pair.get(1));
                    String label = label(pair.get(0));
                    if (count != 0) {
                        out.put(prefix + label, count);
                    }
                }
            }
            default -> throw new IllegalArgumentException("value type " + v.get("type"));
        }
    }

    private static void list(JsonNode definition, String field, ColumnType type, Map<String, ColumnType> out) {
        JsonNode names = definition.get(field);
        if (names != null) {
            for (JsonNode n : names) {
                out.put(n.asText(), type);
            }
        }
    }

    private Table table(String side) {
        List<Column> columns = new ArrayList<>();
        for (JsonNode col : json.get("columns")) {
            columns.add(column(col.get("name").asText(), col.get("dtype").asText(), col.get(side)));
        }
        return Table.of(columns);
    }

    /** A column as pandas held it: the dtype decides the storage. */
    public static Column column(String name, String dtype, JsonNode values) {
        if (dtype.equals("string")) {
            CategoricalColumnBuilder b = new CategoricalColumnBuilder(name, values.size());
            for (JsonNode v : values) {
                if (v.isNull()) {
                    b.appendMissing();
                } else {
                    b.append(v.asText());
                }
            }
            return b.build();
        }
        PhysicalType type = switch (dtype) {
            case "float64" -> PhysicalType.FLOAT;
            case "int64" -> PhysicalType.INTEGER;
            case "bool" -> PhysicalType.BOOLEAN;
            case "datetime" -> PhysicalType.TIMESTAMP;
            default -> throw new IllegalArgumentException("dtype " + dtype);
        };
        NumericColumnBuilder b = new NumericColumnBuilder(name, type, values.size());
        for (JsonNode v : values) {
            if (v.isNull()) {
                b.appendMissing();
            } else if (v.isBoolean()) {
                b.append(v.asBoolean() ? 1 : 0);
            } else if (type == PhysicalType.TIMESTAMP) {
                b.append(LocalDateTime.parse(v.asText()).toInstant(ZoneOffset.UTC).toEpochMilli());
            } else {
                b.append(number(v));
            }
        }
        return b.build();
    }
}
