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
 * <p>Parts read in parallel: {@link Parts} gives each part of a file a builder that writes into its
 * own slice of one array shared by all parts, so that joining them in order moves nothing and a
 * column of a file read in two parts takes one array, not one for the column and one for the second
 * part. A part whose slice turns out too small goes on in an array of its own, and the join then
 * copies it as it would any other builder.
 *
 * <p>Not thread-safe: one builder per reader thread ({@link Parts} is thread-safe: its parts'
 * builders may be filled on different threads).
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
    /** The array the cells go to, from {@link #base} on; shared with other parts' builders while {@link #parts} is set. */
    private double[] values;
    /** Where cell 0 of this builder is in {@link #values}: 0 unless this builder fills a slice of a shared array. */
    private int base;
    /** How many cells {@link #values} holds for this builder from {@link #base}. */
    private int room;
    /** Bit {@code i} set when cell {@code i} is not missing; never shared (a word may straddle two parts). */
    private long[] validity;
    private int length;
    private int missingCount;
    /** The shared array's owner while this builder writes into its slice of it; null for an array of its own. */
    private Parts parts;
    /** Cells of the shared array this builder may fill (its slice), once it takes the array. */
    private int slice;

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

    /** A builder that fills {@code parts}' shared array from cell {@code base}, {@code slice} cells at most. */
    private NumericColumnBuilder(Parts parts, PhysicalType physicalType, int base, int slice) {
        this(parts.name, physicalType, slice);
        this.parts = parts;
        this.base = base;
        this.slice = slice;
    }

    /**
     * The builders of one column read in parts, each filling its slice of one array that the first of
     * them to receive a cell allocates ({@code sum(partRows)} cells). Joining builder {@code j + 1}
     * into the joined builders {@code 0..j} with {@link #appendAll(NumericColumnBuilder)} moves no
     * values when part {@code j} filled its slice exactly, and moves them within the array when it
     * filled less; a part with more cells than its slice goes on in an array of its own (see the
     * class comment).
     *
     * <p>Thread-safe: the builders may be filled on different threads, one builder per thread; join
     * them once every part is done (after a happens-before edge such as {@code Future.get}).
     */
    public static final class Parts {
        private final String name;
        private final PartSlices layout;
        private double[] shared;

        /**
         * @param name the column's name
         * @param partRows the expected cells of each part, in order; the array ends up exactly as long as
         *     their sum, so an exact count gives an exact array
         */
        public Parts(String name, int[] partRows) {
            this.name = name;
            this.layout = new PartSlices(partRows);
        }

        /** A new builder for part {@code j}'s slice (again after a part is read anew: it starts empty). */
        public NumericColumnBuilder part(int j, PhysicalType physicalType) {
            return new NumericColumnBuilder(this, physicalType, layout.start(j), layout.slice(j));
        }

        /** The shared array, allocated by the first part that needs it. */
        synchronized double[] array() {
            if (shared == null) {
                shared = new double[layout.arrayLength()];
            }
            return shared;
        }
    }

    /** Appends a value. NaN counts as missing (Evidently's cleaning treats it so). */
    public void append(double value) {
        if (length == room) {
            grow();
        }
        values[base + length] = value;
        if (value == value) {
            validity[length >>> 6] |= 1L << length;
        } else {
            missingCount++;
        }
        length++;
    }

    /** Appends a missing cell. */
    public void appendMissing() {
        if (length == room) {
            grow();
        }
        values[base + length] = Double.NaN;
        missingCount++;
        length++;
    }

    /** Appends {@code count} missing cells. */
    public void appendMissing(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        ensureCapacity(length + count);
        Arrays.fill(values, base + length, base + length + count, Double.NaN);
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
        System.arraycopy(source, offset, v, base + n, count);
        // the validity bits of a word are gathered in a register and ORed in once: one read and write
        // of the word per 64 cells, where a bit at a time made each cell wait for the previous store
        int present = 0;
        int i = 0;
        while (i < count) {
            int bit = n & 63;
            int take = Math.min(64 - bit, count - i);
            long word = 0;
            for (int k = 0; k < take; k++) {
                double value = source[offset + i + k];
                word |= (value == value ? 1L : 0L) << k;
            }
            bits[n >>> 6] |= word << bit;
            present += Long.bitCount(word);
            n += take;
            i += take;
        }
        length = n;
        missingCount += count - present;
    }

    /**
     * Appends every cell of {@code other}, in order, with its missing cells; the physical type of
     * this builder is kept. When {@code other} is the next part of the same {@link Parts} its cells
     * are already in this builder's array, past this builder's: they are moved down next to this
     * builder's cells (not at all when its slice starts right there), and this builder takes over
     * its slice; {@code other} must not be used afterwards. Otherwise they are copied and
     * {@code other} is left unchanged.
     */
    public void appendAll(NumericColumnBuilder other) {
        int count = other.length;
        if (count == 0) {
            return;
        }
        if (parts != null && other.parts == parts && other.values == values
                && other.base >= base + length) {
            int end = other.base + other.room; // this builder's cells end here now: other's slice is its own
            System.arraycopy(values, other.base, values, base + length, count);
            room = end - base;
            slice = room;
            validity = Arrays.copyOf(validity, Math.max(validity.length, (room + 63) >>> 6));
        } else {
            ensureCapacity(length + count);
            System.arraycopy(other.values, other.base, values, base + length, count);
        }
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
        if (capacity <= room) {
            return;
        }
        if (parts != null && room == 0) {
            // the first cells of a part: its slice of the shared array
            values = parts.array();
            room = slice;
            validity = new long[(slice + 63) >>> 6];
            if (capacity <= room) {
                return;
            }
        }
        resize(capacityFor(capacity));
    }

    /** The capacity to allocate for {@code needed} cells: the reserved size first, then geometric growth. */
    private int capacityFor(int needed) {
        return room == 0 ? Math.max(reserved, grownCapacity(0, needed)) : grownCapacity(room, needed);
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

    /** Moves the cells to an array of their own of {@code capacity} cells (leaving a shared array for good). */
    private void resize(int capacity) {
        double[] grown = new double[capacity];
        System.arraycopy(values, base, grown, 0, length);
        values = grown;
        base = 0;
        room = capacity;
        parts = null;
        validity = Arrays.copyOf(validity, (capacity + 63) >>> 6);
    }

    /** The number of cells the builder holds before it must grow again (the reserved size before any). */
    int capacity() {
        return room == 0 ? (parts != null ? slice : reserved) : room;
    }

    /** Whether the cells are in the shared array of a {@link Parts}, for tests. */
    boolean inSharedArray() {
        return parts != null && room > 0;
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
        ensureCapacity(length + 1);
    }

    /**
     * The column; the builder must not be used afterwards. The array is handed over as it is when
     * little of it is unused, else trimmed to the length.
     */
    public NumericColumn build() {
        double[] exact = base == 0 && values.length - length <= values.length / MAX_SLACK_DIVISOR
                ? values : Arrays.copyOfRange(values, base, base + length);
        int words = (length + 63) >>> 6;
        long[] bits = missingCount == 0 ? null
                : validity.length - words <= validity.length / MAX_SLACK_DIVISOR ? validity
                : Arrays.copyOf(validity, words);
        values = null;
        validity = null;
        return new NumericColumn(name, physicalType, exact, length, bits, missingCount);
    }
}
