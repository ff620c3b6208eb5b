package io.driftwatch.monitor.checks;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;

/**
 * The text of one cell, as row ids and labels are kept and compared: a text cell as written, a number
 * in its shortest form ({@code 7}, not {@code 7.0}; {@code 0.25}), so that an id or a label read from
 * CSV, from Arrow or from a number column is the same text whenever it is the same value.
 *
 * <p>Thread-safe: stateless.
 */
final class CellText {
    private static final double LONG_RANGE = 0x1p63;

    private CellText() {
    }

    /** The text of cell {@code row} of {@code column}, or null when it is missing. */
    static String of(Column column, int row) {
        if (column instanceof CategoricalColumn c) {
            return c.labelAt(row);
        }
        NumericColumn n = (NumericColumn) column;
        return n.isMissing(row) ? null : number(n.value(row));
    }

    /** {@code v} in its shortest form: a whole number without a fraction, else Java's shortest decimal. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < LONG_RANGE) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
