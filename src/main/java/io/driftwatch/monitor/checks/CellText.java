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
    /** The texts of 0 to 1023, the usual class labels and small ids: one string each, not one per cell. */
    private static final String[] SMALL = new String[1024];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = Integer.toString(i);
        }
    }

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
            long whole = (long) v;
            return whole >= 0 && whole < SMALL.length ? SMALL[(int) whole] : Long.toString(whole);
        }
        return Double.toString(v);
    }
}
