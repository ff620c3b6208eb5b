package io.driftwatch.data;

import java.lang.ref.SoftReference;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sorts finite doubles ascending with a most-significant-digit-first radix sort over their IEEE-754
 * bits, made unsigned-comparable. Linear time; 6–10× faster than {@link Arrays#sort(double[])} on a
 * million values (see {@code SortBenchmark}), which matters because every check sorts every
 * numeric column of both sides. Small arrays use {@link Arrays#sort(double[])}.
 *
 * <p>How: the keys' distances from the smallest, in their 16 leading bits, are counted, and runs of
 * adjacent counts merged into about a thousand buckets of about equal size; one pass moves every key
 * into its bucket. Each bucket, now small enough for the processor's cache, is split again by its
 * keys' distances from its own smallest into two to four times as many places as it has keys, and
 * finished by an insertion sort, which has little left to do (places holding more than
 * {@value #FEW} keys are split once more first). Data crowded into a few exponents, or split by
 * sign, make a few large buckets at first; their second split, up to 64 K places, spreads them. A
 * least-significant-digit sort, which this replaced, moved every key once for each 11 bits of the
 * 64 (six times where ten significant digits fill the mantissa); this moves most keys twice.
 *
 * <p>From {@value #PARALLEL_THRESHOLD} values on, after the first pass the buckets are shared out in
 * two halves, one sorted on the calling thread and one on {@link ForkJoinPool#commonPool()}. The
 * caller never waits for a busy pool: if the pool has not started its half by the time the caller's
 * half is done, the caller sorts it too.
 *
 * <p>Order: as {@link Arrays#sort(double[])} for finite values, including {@code -0.0} before
 * {@code 0.0}. NaN must not be present (callers sort cleaned values).
 *
 * <p>Memory: the arrays a sort works in (8 bytes a value for the keys in bucket order, room for the
 * keys of the largest bucket it splits, and up to 1 MB of counts) are kept by the sorting
 * thread, softly, for its next sort; the keys are computed from the values at each pass over them
 * rather than kept in an array of their own. A check sorts dozens of columns of the same length one
 * after another; without the reuse each leaves 8 MB per million values of garbage, which the
 * collector lets pile up as fresh heap (and fresh memory costs more than sorting on virtual
 * machines). A sort nested in another on the same thread (a fork-join worker helping while it
 * waits) takes new arrays.
 *
 * <p>Deliberately low-level: the one place in {@code data} that works on raw bits. Each loop is a
 * method of its own, so that the JIT compiles a small method once rather than a large one at each
 * of its loops. Public for the analyses that sort arrays of their own ({@link #sort(double[], int)}:
 * the quality analysis's scores for ROC AUC). Thread-safe: the kept arrays are per thread, and taken
 * out while in use.
 */
public final class DoubleRadixSort {
    /** Below this many values the comparison sort is faster. */
    static final int THRESHOLD = 4096;
    /** From this many values on, the buckets are sorted on two threads. */
    static final int PARALLEL_THRESHOLD = 1 << 18;
    /** Bits of the key counted for the first split: 64 K counts, which the processor's second-level cache holds. */
    private static final int FIRST_BITS = 16;
    /** The first split aims at this many buckets, each about a thousandth of the values... */
    private static final int FIRST_BUCKETS_LOG2 = 10;
    /** ...and at least this many values a bucket. */
    private static final int MIN_BUCKET = 64;
    /**
     * The most buckets the first split makes: every two neighbours hold more than the target
     * together, so there are at most 2 * length / target + 1, and length / target is at most
     * 1024 + 1023 / 64 (length = 1024 q + r with q &ge; 64) or, below 64 K values, 1024.
     */
    private static final int MAX_BUCKETS = 2 * ((1 << FIRST_BUCKETS_LOG2) + 16) + 1;
    /** The widest later split: 64 K places (a bucket of one exponent of data split by sign has 50 K keys). */
    private static final int MAX_DIGIT_BITS = 16;
    /** A place with at most this many keys is left to the insertion sort. */
    private static final int FEW = 16;
    /** A range of at most this many keys is insertion-sorted without a split. */
    private static final int INSERTION = 32;

    /** Each thread's work arrays from its last sort, for the next (see "Memory" above). */
    private static final ThreadLocal<SoftReference<Workspace>> KEPT = new ThreadLocal<>();

    private DoubleRadixSort() {
    }

    /**
     * Sorts {@code values[0, length)} in place, ascending; on two threads from
     * {@value #PARALLEL_THRESHOLD} values on. The values must not be NaN.
     */
    public static void sort(double[] values, int length) {
        sort(values, length, length >= PARALLEL_THRESHOLD);
    }

    /** Sorts {@code values[0, length)} in place, the buckets on two threads when {@code parallel}. */
    static void sort(double[] values, int length, boolean parallel) {
        if (length < THRESHOLD) {
            Arrays.sort(values, 0, length);
            return;
        }
        Workspace work = Workspace.take(length);
        try {
            sort(values, length, parallel, work);
        } finally {
            KEPT.set(new SoftReference<>(work));
        }
    }

    private static void sort(double[] values, int length, boolean parallel, Workspace work) {
        long[] buffer = work.buffer;
        long[] bounds = work.bounds;
        keyBounds(values, length, bounds);
        long min = bounds[0];
        long range = bounds[1] - min; // unsigned, as every difference of keys here
        if (range == 0) {
            return; // every value has the same bits: sorted already
        }
        int shift = shiftFor(range, FIRST_BITS);
        int bins = (int) (range >>> shift) + 1;
        int[] binCounts = work.binCounts;
        Arrays.fill(binCounts, 0, bins, 0);
        countBins(values, length, min, shift, binCounts);
        int[] bucketOfBin = work.bucketOfBin;
        int[] bucketStart = work.bucketStart;
        int buckets = mergeBins(binCounts, bins, Math.max(MIN_BUCKET, length >> FIRST_BUCKETS_LOG2), bucketOfBin,
                bucketStart);
        int[] next = work.next;
        System.arraycopy(bucketStart, 0, next, 0, buckets);
        scatter(values, buffer, length, min, shift, bucketOfBin, next);
        // buffer holds the buckets in order; each is sorted within itself, then written back to values
        if (!parallel) {
            sortBuckets(buffer, bucketStart, 0, buckets, work.splits, values);
            return;
        }
        int split = 0;
        while (split < buckets && bucketStart[split + 1] <= length / 2) {
            split++;
        }
        int half = split;
        AtomicBoolean claimed = new AtomicBoolean();
        Runnable lower = () -> {
            if (claimed.compareAndSet(false, true)) {
                sortBuckets(buffer, bucketStart, 0, half, new Splits(), values);
            }
        };
        ForkJoinTask<?> task = ForkJoinPool.commonPool().submit(lower);
        sortBuckets(buffer, bucketStart, half, buckets, work.splits, values);
        if (claimed.compareAndSet(false, true)) {
            sortBuckets(buffer, bucketStart, 0, half, work.splits, values); // the pool has not started it
        } else {
            task.join();
        }
    }

    /**
     * A value's key: its bits with all of them flipped when negative, the sign bit alone when not, so
     * that unsigned order of keys is numeric order of values.
     */
    private static long key(double value) {
        long bits = Double.doubleToRawLongBits(value);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    /** Writes the unsigned minimum and maximum of the keys of {@code values[0, length)} into {@code bounds}. */
    private static void keyBounds(double[] values, int length, long[] bounds) {
        long min = Long.MAX_VALUE; // key + MIN_VALUE, whose signed order is the keys' unsigned order
        long max = Long.MIN_VALUE;
        for (int i = 0; i < length; i++) {
            long key = key(values[i]);
            min = Math.min(min, key + Long.MIN_VALUE);
            max = Math.max(max, key + Long.MIN_VALUE);
        }
        bounds[0] = min - Long.MIN_VALUE;
        bounds[1] = max - Long.MIN_VALUE;
    }

    /**
     * The shift that leaves at most {@code bits} bits of a difference up to {@code range}: keys
     * {@code min + d} with the same {@code d >>> shift} share a bin, and bins of keys in order are
     * in order.
     */
    private static int shiftFor(long range, int bits) {
        return Math.max(0, 64 - Long.numberOfLeadingZeros(range) - bits);
    }

    private static void countBins(double[] values, int length, long min, int shift, int[] counts) {
        for (int i = 0; i < length; i++) {
            counts[(int) ((key(values[i]) - min) >>> shift)]++;
        }
    }

    /**
     * Merges runs of adjacent bins into buckets of about {@code target} keys (a bin larger than that
     * is a bucket of its own). Fills {@code bucketOfBin} and {@code bucketStart} (one past the last
     * bucket too); returns the number of buckets, at most {@code 2 * total / target + 1}.
     */
    private static int mergeBins(int[] counts, int bins, int target, int[] bucketOfBin, int[] bucketStart) {
        int bucket = 0;
        int filled = 0;
        int start = 0;
        bucketStart[0] = 0;
        for (int b = 0; b < bins; b++) {
            int count = counts[b];
            if (filled > 0 && filled + count > target) {
                bucketStart[++bucket] = start;
                filled = 0;
            }
            bucketOfBin[b] = bucket;
            filled += count;
            start += count;
        }
        bucketStart[bucket + 1] = start;
        return bucket + 1;
    }

    private static void scatter(double[] values, long[] buffer, int length, long min, int shift, int[] bucketOfBin,
            int[] next) {
        for (int i = 0; i < length; i++) {
            long key = key(values[i]);
            buffer[next[bucketOfBin[(int) ((key - min) >>> shift)]]++] = key;
        }
    }

    /** Sorts buckets {@code [first, last)} of {@code keys}, then writes their range of {@code values}. */
    private static void sortBuckets(long[] keys, int[] bucketStart, int first, int last, Splits splits,
            double[] values) {
        for (int b = first; b < last; b++) {
            sortRange(keys, bucketStart[b], bucketStart[b + 1], 0, splits);
        }
        toValues(keys, values, bucketStart[first], bucketStart[last]);
    }

    /** Sorts {@code keys[from, to)} in place. */
    private static void sortRange(long[] keys, int from, int to, int depth, Splits splits) {
        int n = to - from;
        if (n <= INSERTION) {
            insertionSort(keys, from, to);
            return;
        }
        long min = Long.MAX_VALUE; // key + MIN_VALUE, as in toKeys
        long max = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            long signed = keys[i] + Long.MIN_VALUE;
            min = Math.min(min, signed);
            max = Math.max(max, signed);
        }
        if (min == max) {
            return;
        }
        long base = min - Long.MIN_VALUE;
        // two to four times as many places as keys, so that most hold none or one
        int shift = shiftFor(max - min, Math.min(MAX_DIGIT_BITS, 33 - Integer.numberOfLeadingZeros(n)));
        int places = (int) ((max - min) >>> shift) + 1;
        int[] ends = splits.counts(depth, places);
        int most = countPlaces(keys, from, to, base, shift, places, ends);
        long[] scratch = splits.scratch(n);
        scatterPlaces(keys, scratch, from, to, base, shift, ends);
        System.arraycopy(scratch, 0, keys, from, n);
        if (most > FEW && shift > 0) {
            // a deeper split counts in an array of its own depth, and uses scratch only once this one is done with it
            int start = 0;
            for (int p = 0; p < places; p++) {
                int end = ends[p];
                if (end - start > FEW) {
                    sortRange(keys, from + start, from + end, depth + 1, splits);
                }
                start = end;
            }
        }
        insertionSort(keys, from, to); // each key is at most a few places from its own
    }

    /**
     * Counts the keys of each place into {@code starts}, then turns the counts into each place's
     * first index within the range, 0 for the first (the scatter then leaves each place's end there);
     * returns the largest count.
     */
    private static int countPlaces(long[] keys, int from, int to, long base, int shift, int places, int[] starts) {
        Arrays.fill(starts, 0, places, 0);
        for (int i = from; i < to; i++) {
            starts[(int) ((keys[i] - base) >>> shift)]++;
        }
        int most = 0;
        int sum = 0;
        for (int p = 0; p < places; p++) {
            int count = starts[p];
            most = Math.max(most, count);
            starts[p] = sum;
            sum += count;
        }
        return most;
    }

    private static void scatterPlaces(long[] keys, long[] scratch, int from, int to, long base, int shift,
            int[] next) {
        for (int i = from; i < to; i++) {
            long key = keys[i];
            scratch[next[(int) ((key - base) >>> shift)]++] = key;
        }
    }

    /** Insertion sort of unsigned keys; linear when each is near its place. */
    private static void insertionSort(long[] keys, int from, int to) {
        if (to - from < 2) {
            return;
        }
        long previous = keys[from] + Long.MIN_VALUE; // signed order of key + MIN_VALUE = unsigned order of key
        for (int i = from + 1; i < to; i++) {
            long key = keys[i];
            long signed = key + Long.MIN_VALUE;
            if (previous > signed) {
                int j = i - 1;
                do {
                    keys[j + 1] = keys[j];
                    j--;
                } while (j >= from && keys[j] + Long.MIN_VALUE > signed);
                keys[j + 1] = key;
            } else {
                previous = signed;
            }
        }
    }

    private static void toValues(long[] keys, double[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            long key = keys[i];
            values[i] = Double.longBitsToDouble(key ^ (((~key) >> 63) | Long.MIN_VALUE));
        }
    }

    /**
     * What {@link #sortRange}'s splits work in: the counts of each depth, one array a depth, and one
     * scratch array for the keys being split, each made when first needed and grown to the most met.
     */
    private static final class Splits {
        private final int[][] byDepth = new int[64][];
        private long[] scratch = new long[0];

        int[] counts(int depth, int places) {
            int[] counts = byDepth[depth];
            if (counts == null || counts.length < places) {
                counts = new int[Math.max(places, 4096)];
                byDepth[depth] = counts;
            }
            return counts;
        }

        /** The scratch array, with room for at least {@code keys}. */
        long[] scratch(int keys) {
            if (scratch.length < keys) {
                scratch = new long[keys];
            }
            return scratch;
        }
    }

    /** The arrays one sort works in. */
    private static final class Workspace {
        /** The keys in bucket order, and sorted within each bucket. */
        final long[] buffer;
        /** The smallest and largest key. */
        final long[] bounds = new long[2];
        final int[] binCounts = new int[1 << FIRST_BITS];
        final int[] bucketOfBin = new int[1 << FIRST_BITS];
        /** Each bucket's first index, and one past the last bucket. */
        final int[] bucketStart = new int[MAX_BUCKETS + 1];
        final int[] next = new int[MAX_BUCKETS];
        final Splits splits = new Splits();

        private Workspace(int length) {
            buffer = new long[length];
        }

        /** This thread's kept workspace if large enough, else a new one; taken out while in use. */
        static Workspace take(int length) {
            SoftReference<Workspace> kept = KEPT.get();
            Workspace work = kept == null ? null : kept.get();
            KEPT.remove(); // in use: a nested sort on this thread must not share it
            return work != null && work.buffer.length >= length ? work : new Workspace(length);
        }
    }
}
