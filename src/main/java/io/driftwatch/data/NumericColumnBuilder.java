package io.driftwatch.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Grows a {@link NumericColumn} one cell at a time without boxing. Readers call
 * {@link #append(double)} or {@link #appendMissing()} per cell and {@link #build()} once. A reader
 * that fills several builders in parallel (one per part of a file) joins them in order with
 * {@link #appendAll(NumericColumnBuilder)}.
 *
 * <p>{@link #build()} hands its array to the column without a copy when at most
 * 1/16 of it is unused, so a builder sized from a good estimate of the
 * length never copies its values. The array is allocated when the first cells arrive, not before:
 * a reader that guesses a column numeric, reserves room for a million cells and then meets a word
 * in the first row drops the builder without having touched (and paid the page faults of) that
 * memory.
 *
 * <p>Not thread-safe: one builder per reader thread.
 */
public final class NumericColumnBuilder {
    /** {@link #build()} trims the array only when more than {@code 1 / MAX_SLACK_DIVISOR} of it is unused. */
    static final int MAX_SLACK_DIVISOR = 16;
    /** The largest array length every JVM allocates. */
    static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private static final double[] NO_VALUES = new double[0];
    private static final long[] NO_BITS = new long[0];

    private final String name;
    /** The capacity of the first allocation (the expected length). */
    private final int reserved;
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
        this.reserved = Math.max(16, expectedLength);
        this.values = NO_VALUES;
        this.validity = NO_BITS;
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

    /** Appends {@code count} missing cells. */
    public void appendMissing(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        ensureCapacity(length + count);
        Arrays.fill(values, length, length + count, Double.NaN);
        missingCount += count;
        length += count;
    }

    /**
     * Appends {@code values[offset, offset + length)} in order, as {@link #append(double)} would one
     * at a time (NaN counts as missing).
     */
    public void appendAll(double[] source, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, source.length);
        ensureCapacity(length + count);
        double[] v = values;
        long[] bits = validity;
        int n = length;
        int missing = 0;
        for (int i = 0; i < count; i++) {
            double value = source[offset + i];
            v[n] = value;
            if (value == value) {
                bits[n >>> 6] |= 1L << n;
            } else {
                missing++;
            }
            n++;
        }
        length = n;
        missingCount += missing;
    }

    /**
     * Appends every cell of {@code other}, in order, with its missing cells; the physical type of
     * this builder is kept. {@code other} is left unchanged.
     */
    public void appendAll(NumericColumnBuilder other) {
        int count = other.length;
        ensureCapacity(length + count);
        System.arraycopy(other.values, 0, values, length, count);
        copyBits(other.validity, count, validity, length);
        length += count;
        missingCount += other.missingCount;
    }

    /** ORs bits {@code [0, count)} of {@code source} into {@code dest} from bit {@code destBit}. */
    private static void copyBits(long[] source, int count, long[] dest, int destBit) {
        int words = (count + 63) >>> 6;
        int shift = destBit & 63;
        int base = destBit >>> 6;
        if (shift == 0) {
            System.arraycopy(source, 0, dest, base, words);
            return;
        }
        for (int k = 0; k < words; k++) {
            long word = source[k];
            dest[base + k] |= word << shift;
            long carry = word >>> (64 - shift);
            if (carry != 0) {
                dest[base + k + 1] |= carry;
            }
        }
    }

    /**
     * Makes room for {@code capacity} cells in all, so that appending up to that many does not grow.
     * The array grows by at least half its size each time ({@link #grownCapacity}), so a reader that
     * asks for a little more room at a time (a few hundred cells per call, as the CSV reader does when
     * it cannot know the row count in advance, e.g. for gzip) copies its values O(log n) times, not
     * once per call.
     */
    public void ensureCapacity(int capacity) {
        if (capacity > values.length) {
            resize(capacityFor(capacity));
        }
    }

    /** The capacity to allocate for {@code needed} cells: the reserved size first, then geometric growth. */
    private int capacityFor(int needed) {
        return values.length == 0 ? Math.max(reserved, grownCapacity(0, needed)) : grownCapacity(values.length, needed);
    }

    /**
     * The capacity to grow an array of {@code current} cells to so that it holds {@code needed}:
     * {@code needed} or half as much again as {@code current} (plus 16), whichever is larger, at
     * most the largest array the JVM allocates.
     */
    static int grownCapacity(int current, int needed) {
        if (needed < 0 || needed > MAX_ARRAY_LENGTH) {
            throw new IllegalStateException("a column cannot hold more than " + MAX_ARRAY_LENGTH + " cells");
        }
        long geometric = current + (current >> 1) + 16L;
        return (int) Math.min(MAX_ARRAY_LENGTH, Math.max(needed, geometric));
    }

    private void resize(int capacity) {
        values = Arrays.copyOf(values, capacity);
        validity = Arrays.copyOf(validity, (capacity + 63) >>> 6);
    }

    /** The number of cells the builder holds before it must grow again (the reserved size before any). */
    int capacity() {
        return values.length == 0 ? reserved : values.length;
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
        resize(capacityFor(length + 1));
    }

    /**
     * The column; the builder must not be used afterwards. The array is handed over as it is when
     * little of it is unused, else trimmed to the length.
     */
    public NumericColumn build() {
        double[] exact = values.length - length <= values.length / MAX_SLACK_DIVISOR
                ? values : Arrays.copyOf(values, length);
        int words = (length + 63) >>> 6;
        long[] bits = missingCount == 0 ? null
                : validity.length - words <= validity.length / MAX_SLACK_DIVISOR ? validity
                : Arrays.copyOf(validity, words);
        values = null;
        validity = null;
        return new NumericColumn(name, physicalType, exact, length, bits, missingCount);
    }
}
