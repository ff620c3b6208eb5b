package io.driftwatch.data;

import java.util.Arrays;

/**
 * A column of numbers stored as a {@code double[]}. Missing-value policy: a missing cell has its
 * validity bit cleared <em>and</em> holds {@link Double#NaN}, so a loop that only needs finite
 * values can test the value alone, and {@link #missingCount()} {@code == 0} is the cheap check for
 * the fast path. A NaN read from the source as a number is missing too; ±∞ are values, which the
 * drift tests drop as Evidently does.
 *
 * <p>Thread-safe: immutable, except after {@link #sortedFiniteValuesConsuming()}, which its caller
 * alone may use. {@link #values()} returns a copy; hot loops use {@link #copyValues(double[], int)}
 * or {@link #value(int)}.
 */
public final class NumericColumn implements Column {
    private final String name;
    private final PhysicalType physicalType;
    private final double[] values; // may be longer than length: only [0, length) is the column
    private final int length;
    private final long[] validity; // null when no cell is missing
    private final int missingCount;
    private int finiteCount = -1; // computed at first use; racy but benign: every thread computes the same int

    NumericColumn(String name, PhysicalType physicalType, double[] values, int length, long[] validity, int missingCount) {
        if (!physicalType.isNumericStorage()) {
            throw new IllegalArgumentException("numeric column cannot have physical type " + physicalType);
        }
        this.name = name;
        this.physicalType = physicalType;
        this.values = values;
        this.length = length;
        this.validity = missingCount == 0 ? null : validity;
        this.missingCount = missingCount;
    }

    /** A column with no missing cells holding a copy of {@code values[offset, offset + length)}. */
    public static NumericColumn of(String name, PhysicalType type, double[] values, int offset, int length) {
        NumericColumnBuilder builder = new NumericColumnBuilder(name, type, length);
        for (int i = offset; i < offset + length; i++) {
            builder.append(values[i]);
        }
        return builder.build();
    }

    /**
     * A column over {@code values[0, length)}, taking ownership of the array (the caller must not
     * touch it afterwards): no copy, for readers that fill whole arrays in bulk. NaN cells are the
     * missing ones; the validity bitmap is derived in one pass.
     */
    public static NumericColumn wrap(String name, PhysicalType type, double[] values, int length) {
        if (length < 0 || length > values.length) {
            throw new IllegalArgumentException("length " + length + " outside array of " + values.length);
        }
        int missing = 0;
        for (int i = 0; i < length; i++) {
            double v = values[i];
            if (v != v) {
                missing++;
            }
        }
        if (missing == 0) {
            return new NumericColumn(name, type, values, length, null, 0);
        }
        long[] validity = new long[(length + 63) >>> 6];
        for (int w = 0; w < validity.length; w++) {
            int base = w << 6;
            int end = Math.min(64, length - base);
            long word = 0;
            for (int b = 0; b < end; b++) {
                double v = values[base + b];
                if (v == v) {
                    word |= 1L << b;
                }
            }
            validity[w] = word;
        }
        return new NumericColumn(name, type, values, length, validity, missing);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PhysicalType physicalType() {
        return physicalType;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int missingCount() {
        return missingCount;
    }

    @Override
    public boolean isMissing(int row) {
        return validity != null && (validity[row >>> 6] & (1L << row)) == 0;
    }

    /** The value of cell {@code row}; NaN when missing. */
    public double value(int row) {
        if (row < 0 || row >= length) {
            throw new IndexOutOfBoundsException("row " + row + " of " + length);
        }
        return values[row];
    }

    /** A copy of all values, NaN where missing. */
    public double[] values() {
        return Arrays.copyOf(values, length);
    }

    /**
     * Copies all values into {@code dest} from {@code destOffset}; missing cells are NaN.
     *
     * @return the number of values copied, {@link #length()}
     */
    public int copyValues(double[] dest, int destOffset) {
        System.arraycopy(values, 0, dest, destOffset, length);
        return length;
    }

    /**
     * Copies cells {@code [from, from + count)} into {@code dest} from {@code destOffset}; missing
     * cells are NaN. For loops that walk a column block by block without copying it whole.
     *
     * @throws IndexOutOfBoundsException when a range lies outside the column or {@code dest}
     */
    public void copyValues(int from, double[] dest, int destOffset, int count) {
        java.util.Objects.checkFromIndexSize(from, count, length);
        System.arraycopy(values, from, dest, destOffset, count);
    }

    /**
     * The finite values only (missing cells, NaN and ±∞ removed), in row order: Evidently's
     * cleaning step before every drift test.
     */
    public double[] finiteValues() {
        // counted first, so the array is allocated at its size: fresh memory costs more than a pass
        return finiteValuesInto(new double[finiteCount()]);
    }

    /** Number of finite cells: neither missing nor ±∞. */
    public int finiteCount() {
        int finite = finiteCount;
        if (finite < 0) {
            finite = 0;
            for (int i = 0; i < length; i++) {
                finite += Double.isFinite(values[i]) ? 1 : 0;
            }
            finiteCount = finite;
        }
        return finite;
    }

    private double[] finiteValuesInto(double[] out) {
        int n = 0;
        for (int i = 0; i < length; i++) {
            double v = values[i];
            if (Double.isFinite(v)) {
                out[n++] = v;
            }
        }
        return out;
    }

    /**
     * The finite values (missing cells, NaN and ±∞ removed), sorted ascending, in a new array:
     * what every numerical drift test needs from a column. Radix-sorted (linear time) when large.
     */
    public double[] sortedFiniteValues() {
        return sortedFiniteValues(Parallelism.ALL_CORES);
    }

    /**
     * The finite values sorted ascending, as {@link #sortedFiniteValues()} gives them, but sorted in
     * this column's own array when every cell is finite and the array is exactly the column: no new
     * array, which at a million rows spares 8 MB of fresh memory per column. This column's cells are
     * then out of row order for good, so only the owner of a table whose rows nobody reads any more
     * may call it (a reference reduced to its profile as soon as it is read); it breaks the
     * immutability this class otherwise promises. Otherwise (a missing or infinite cell) a sorted
     * copy, and this column is untouched.
     */
    public double[] sortedFiniteValuesConsuming() {
        return sortedFiniteValuesConsuming(Parallelism.ALL_CORES);
    }

    /** {@link #sortedFiniteValuesConsuming()}, sorting on the calling thread only when asked. */
    public double[] sortedFiniteValuesConsuming(Parallelism parallelism) {
        if (values.length != length || finiteCount() != length) {
            return sortedFiniteValues(parallelism);
        }
        DoubleRadixSort.sort(values, length,
                parallelism == Parallelism.ALL_CORES && length >= DoubleRadixSort.PARALLEL_THRESHOLD);
        return values;
    }

    /** {@link #sortedFiniteValues()}, sorting on the calling thread only when asked. */
    public double[] sortedFiniteValues(Parallelism parallelism) {
        return sortedFiniteValues(new double[finiteCount()], parallelism);
    }

    /**
     * {@link #sortedFiniteValues(Parallelism)} written into {@code dest}, whatever it held, instead of
     * a new array: for callers that reuse one array for many columns of the same length.
     *
     * @param dest exactly {@link #finiteCount()} long
     * @return {@code dest}
     * @throws IllegalArgumentException when {@code dest} is not exactly {@link #finiteCount()} long
     */
    public double[] sortedFiniteValues(double[] dest, Parallelism parallelism) {
        int finite = finiteCount();
        if (dest.length != finite) {
            throw new IllegalArgumentException("an array of " + dest.length + " for " + finite + " finite values");
        }
        finiteValuesInto(dest);
        DoubleRadixSort.sort(dest, finite,
                parallelism == Parallelism.ALL_CORES && finite >= DoubleRadixSort.PARALLEL_THRESHOLD);
        return dest;
    }

    /**
     * A new column of the cells at {@code rows}, in that order (rows already checked to lie in
     * {@code [0, length)} by {@link Chunks#select}). A cell is missing exactly when it holds NaN, so
     * copying the values carries the missing cells over.
     */
    NumericColumn select(int[] rows) {
        int n = rows.length;
        double[] source = values;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = source[rows[i]];
        }
        return wrap(name, physicalType, out, n);
    }

    /**
     * Number of ±∞ cells: the cells neither finite nor missing, since every NaN cell is a missing one
     * (the class comment). No pass of its own once {@link #finiteCount()} has made one.
     */
    public int infiniteCount() {
        return length - missingCount - finiteCount();
    }

    @Override
    public long sizeInBytes() {
        return 8L * length + (validity == null ? 0 : 8L * ((length + 63) >>> 6));
    }

    @Override
    public String toString() {
        return "NumericColumn[" + name + ", " + physicalType + ", " + length + " rows, " + missingCount + " missing]";
    }
}
