package io.driftwatch.data;

import java.util.Arrays;

/**
 * Grows a {@link NumericColumn} one cell at a time without boxing. Readers call
 * {@link #append(double)} or {@link #appendMissing()} per cell and {@link #build()} once.
 *
 * <p>Not thread-safe: one builder per reader thread.
 */
public final class NumericColumnBuilder {
    private final String name;
    private PhysicalType physicalType;
    private double[] values;
    private long[] validity;
    private int length;
    private int missingCount;

    public NumericColumnBuilder(String name, PhysicalType physicalType, int expectedLength) {
        if (!physicalType.isNumericStorage()) {
            throw new IllegalArgumentException("numeric column cannot have physical type " + physicalType);
        }
        this.name = name;
        this.physicalType = physicalType;
        int capacity = Math.max(16, expectedLength);
        this.values = new double[capacity];
        this.validity = new long[(capacity + 63) >>> 6];
    }

    /** Appends a value. NaN counts as missing (Evidently's cleaning treats it so). */
    public void append(double value) {
        if (length == values.length) {
            grow();
        }
        values[length] = value;
        if (value == value) {
            validity[length >>> 6] |= 1L << length;
        } else {
            missingCount++;
        }
        length++;
    }

    /** Appends a missing cell. */
    public void appendMissing() {
        if (length == values.length) {
            grow();
        }
        values[length] = Double.NaN;
        missingCount++;
        length++;
    }

    /** Number of cells appended so far. */
    public int length() {
        return length;
    }

    public String name() {
        return name;
    }

    public PhysicalType physicalType() {
        return physicalType;
    }

    /**
     * Changes the physical type before {@link #build()}: a CSV reader learns that a column of
     * whole numbers is {@link PhysicalType#FLOAT} only when it meets a decimal point or a missing
     * cell.
     */
    public void physicalType(PhysicalType type) {
        if (!type.isNumericStorage()) {
            throw new IllegalArgumentException("numeric column cannot have physical type " + type);
        }
        this.physicalType = type;
    }

    private void grow() {
        int capacity = values.length + (values.length >> 1) + 16;
        values = Arrays.copyOf(values, capacity);
        validity = Arrays.copyOf(validity, (capacity + 63) >>> 6);
    }

    /** The column; the builder must not be used afterwards. */
    public NumericColumn build() {
        double[] exact = values.length == length ? values : Arrays.copyOf(values, length);
        long[] bits = missingCount == 0 ? null : Arrays.copyOf(validity, (length + 63) >>> 6);
        values = null;
        validity = null;
        return new NumericColumn(name, physicalType, exact, length, bits, missingCount);
    }
}
