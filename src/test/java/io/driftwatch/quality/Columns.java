package io.driftwatch.quality;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.util.List;

/** Small columns for the quality tests, with the pandas dtypes Evidently's rules read. */
final class Columns {
    private Columns() {
    }

    static Table table(Column... columns) {
        return Table.of(List.of(columns));
    }

    /** An {@code int64} column. */
    static Column ints(String name, long... values) {
        NumericColumnBuilder b = new NumericColumnBuilder(name, PhysicalType.INTEGER, values.length);
        for (long v : values) {
            b.append(v);
        }
        return b.build();
    }

    /** A {@code float64} column; NaN is a missing cell. */
    static Column floats(String name, double... values) {
        NumericColumnBuilder b = new NumericColumnBuilder(name, PhysicalType.FLOAT, values.length);
        for (double v : values) {
            b.append(v);
        }
        return b.build();
    }

    /** A {@code bool} column. */
    static Column bools(String name, boolean... values) {
        NumericColumnBuilder b = new NumericColumnBuilder(name, PhysicalType.BOOLEAN, values.length);
        for (boolean v : values) {
            b.append(v ? 1 : 0);
        }
        return b.build();
    }

    /** A text column; null is a missing cell. */
    static Column texts(String name, String... values) {
        return CategoricalColumn.of(name, values);
    }
}
