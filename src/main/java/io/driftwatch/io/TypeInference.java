package io.driftwatch.io;

import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnStats;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Table;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides each column's {@link ColumnType} with Evidently 0.7's rules, so a team moving from
 * Evidently sees the same columns tested the same way. Types come from the <em>current</em> batch
 * only; the reference plays no part. Per column, by physical type:
 * <ol>
 *   <li>{@code FLOAT} → numerical, even when it holds only 0.0 and 1.0;</li>
 *   <li>{@code INTEGER} → categorical when it has at most 10 distinct values, else numerical;</li>
 *   <li>{@code STRING} → text when distinct values exceed half the non-missing count, else
 *       categorical; an all-missing text column is unsupported;</li>
 *   <li>{@code BOOLEAN} → categorical;</li>
 *   <li>{@code TIMESTAMP} → datetime (not drift-tested).</li>
 * </ol>
 * A declared type (the monitor's column mapping) always wins over inference.
 *
 * <p>Thread-safe: stateless.
 */
public final class TypeInference {
    /** An integer column with at most this many distinct current values is categorical. */
    static final int MAX_CATEGORICAL_INTEGER_VALUES = 10;

    private TypeInference() {
    }

    /** The inferred type of one column of the current batch. */
    public static ColumnType infer(Column current) {
        return switch (current.physicalType()) {
            case FLOAT -> ColumnType.NUMERICAL;
            case INTEGER -> ColumnStats.atMostDistinct((NumericColumn) current, MAX_CATEGORICAL_INTEGER_VALUES)
                    ? ColumnType.CATEGORICAL : ColumnType.NUMERICAL;
            case BOOLEAN -> ColumnType.CATEGORICAL;
            case TIMESTAMP -> ColumnType.DATETIME;
            case STRING -> inferText(current);
        };
    }

    /**
     * The type of every column of {@code current}, in column order: {@code declared} where given,
     * inferred otherwise. Declared names that the batch lacks are left for
     * {@link SchemaAlignment} to report.
     */
    public static Map<String, ColumnType> infer(Table current, Map<String, ColumnType> declared) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (Column column : current.columns()) {
            ColumnType type = declared.get(column.name());
            types.put(column.name(), type != null ? type : infer(column));
        }
        return types;
    }

    private static ColumnType inferText(Column column) {
        int nonMissing = column.length() - column.missingCount();
        if (nonMissing == 0) {
            return ColumnType.UNSUPPORTED;
        }
        int distinct = ColumnStats.distinctCount(column);
        return distinct > 0.5 * nonMissing ? ColumnType.TEXT : ColumnType.CATEGORICAL;
    }
}
