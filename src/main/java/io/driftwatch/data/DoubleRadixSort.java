package io.driftwatch.data;

import java.lang.ref.SoftReference;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sorts finite doubles ascending with a least-significant-digit radix sort over their IEEE-754
 * bits, 11 bits a pass (6 passes, fewer when a digit is the same for every value, as the exponent
 * bits of data in a narrow range are). Linear time; about 3× faster than {@link Arrays#sort(double[])}
 * on a million values (see {@code SortBenchmark}), which matters because every check sorts every
 * numeric current column. Small arrays use {@link Arrays#sort(double[])}.
 *
 * <p>From {@value #PARALLEL_THRESHOLD} values on, the two halves are radix-sorted at the same time,
 * one on the calling thread and one on {@link ForkJoinPool#commonPool()}, and then merged in one
 * linear pass. The caller never waits for a busy pool: if the pool has not started the other half
 * by the time the caller's half is done, the caller sorts it too.
 *
 * <p>Order: as {@link Arrays#sort(double[])} for finite values, including {@code -0.0} before
 * {@code 0.0}. NaN must not be present (callers sort cleaned values).
 *
 * <p>Memory: the two arrays of keys a sort works in (16 bytes a value) are kept by the sorting
 * thread, softly, for its next sort. A check sorts dozens of columns of the same length one after
 * another; without the reuse each leaves 16 MB per million values of garbage, which the collector
 * lets pile up as fresh heap (and fresh memory costs more than sorting on virtual machines). A sort
 * nested in another on the same thread (a fork-join worker helping while it waits) takes new arrays.
 *
 * <p>Deliberately low-level: the one place in {@code data} that works on raw bits. Public for the
 * analyses that sort arrays of their own ({@link #sort(double[], int)}: the quality analysis's
 * scores for ROC AUC). Thread-safe: the kept arrays are per thread, and taken out while in use.
 */
public final class DoubleRadixSort {
    private static final int BITS = 11;
    private static final int BUCKETS = 1 << BITS;
    private static final int MASK = BUCKETS - 1;
    private static final int PASSES = (64 + BITS - 1) / BITS;
    /** Below this many values the comparison sort is faster. */
    static final int THRESHOLD = 4096;
    /** From this many values on, the halves are sorted in parallel and merged. */
    static final int PARALLEL_THRESHOLD = 1 << 18;

    /** Each thread's key arrays from its last sort, for the next (see "Memory" above). */
    private static final ThreadLocal<SoftReference<long[][]>> SCRATCH = new ThreadLocal<>();

    private DoubleRadixSort() {
    }

    /** Two arrays of at least {@code length} keys, this thread's kept ones if large enough; give them back after. */
    private static long[][] takeScratch(int length) {
        SoftReference<long[][]> kept = SCRATCH.get();
        long[][] pair = kept == null ? null : kept.get();
        SCRATCH.remove(); // in use: a nested sort on this thread must not share them
        if (pair == null || pair[0].length < length) {
            pair = new long[][] {new long[length], new long[length]};
        }
        return pair;
    }

    private static void giveBack(long[][] pair) {
        SCRATCH.set(new SoftReference<>(pair));
    }

    /**
     * Sorts {@code values[0, length)} in place, ascending; the halves in parallel from
     * {@value #PARALLEL_THRESHOLD} values on. The values must not be NaN.
     */
    public static void sort(double[] values, int length) {
        sort(values, length, length >= PARALLEL_THRESHOLD);
    }

    /** Sorts {@code values[0, length)} in place, the halves in parallel when {@code parallel}. */
    static void sort(double[] values, int length, boolean parallel) {
        if (length < THRESHOLD) {
            Arrays.sort(values, 0, length);
            return;
        }
        if (!parallel) {
            sortSerial(values, length);
            return;
        }
        long[][] scratch = takeScratch(length);
        long[] keys = scratch[0];
        long[] buffer = scratch[1];
        int half = length >>> 1;
        AtomicBoolean claimed = new AtomicBoolean();
        long[][] leftResult = new long[1][];
        Runnable left = () -> {
            if (claimed.compareAndSet(false, true)) {
                leftResult[0] = sortRange(values, keys, buffer, 0, half);
            }
        };
        ForkJoinTask<?> task = ForkJoinPool.commonPool().submit(left);
        long[] right = sortRange(values, keys, buffer, half, length);
        if (claimed.compareAndSet(false, true)) {
            leftResult[0] = sortRange(values, keys, buffer, 0, half); // the pool has not started it
        } else {
            task.join();
        }
        merge(leftResult[0], right, half, length, values);
        giveBack(scratch);
    }

    private static void sortSerial(double[] values, int length) {
        long[][] scratch = takeScratch(length);
        long[] keys = scratch[0];
        for (int i = 0; i < length; i++) {
            long bits = Double.doubleToRawLongBits(values[i]);
            // Negative numbers: flip all bits; positive: flip the sign bit. Unsigned order = numeric order.
            keys[i] = bits ^ ((bits >> 63) | Long.MIN_VALUE);
        }
        int[][] counts = new int[PASSES][BUCKETS];
        for (int i = 0; i < length; i++) {
            long k = keys[i];
            for (int p = 0; p < PASSES; p++) {
                counts[p][(int) ((k >>> (p * BITS)) & MASK)]++;
            }
        }
        long[] buffer = scratch[1];
        long[] from = keys;
        long[] to = buffer;
        for (int p = 0; p < PASSES; p++) {
            int[] c = counts[p];
            int shift = p * BITS;
            if (c[(int) ((from[0] >>> shift) & MASK)] == length) {
                continue; // every value has the same digit here
            }
            int sum = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int n = c[b];
                c[b] = sum;
                sum += n;
            }
            for (int i = 0; i < length; i++) {
                long k = from[i];
                to[c[(int) ((k >>> shift) & MASK)]++] = k;
            }
            long[] swap = from;
            from = to;
            to = swap;
        }
        for (int i = 0; i < length; i++) {
            long k = from[i];
            long bits = k ^ (((~k) >> 63) | Long.MIN_VALUE);
            values[i] = Double.longBitsToDouble(bits);
        }
        giveBack(scratch);
    }

    /**
     * Radix-sorts {@code values[from, to)} as keys; returns {@code keys} or {@code buffer}, whichever
     * holds the sorted keys in {@code [from, to)}. Touches only that range of the three arrays.
     */
    private static long[] sortRange(double[] values, long[] keys, long[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            long bits = Double.doubleToRawLongBits(values[i]);
            // Negative numbers: flip all bits; positive: flip the sign bit. Unsigned order = numeric order.
            keys[i] = bits ^ ((bits >> 63) | Long.MIN_VALUE);
        }
        int[][] counts = new int[PASSES][BUCKETS];
        for (int i = from; i < to; i++) {
            long k = keys[i];
            for (int p = 0; p < PASSES; p++) {
                counts[p][(int) ((k >>> (p * BITS)) & MASK)]++;
            }
        }
        int length = to - from;
        long[] src = keys;
        long[] dst = buffer;
        for (int p = 0; p < PASSES; p++) {
            int[] c = counts[p];
            int shift = p * BITS;
            if (c[(int) ((src[from] >>> shift) & MASK)] == length) {
                continue; // every value has the same digit here
            }
            int sum = from;
            for (int b = 0; b < BUCKETS; b++) {
                int n = c[b];
                c[b] = sum;
                sum += n;
            }
            for (int i = from; i < to; i++) {
                long k = src[i];
                dst[c[(int) ((k >>> shift) & MASK)]++] = k;
            }
            long[] swap = src;
            src = dst;
            dst = swap;
        }
        return src;
    }

    /** Merges sorted keys {@code left[0, half)} and {@code right[half, length)} into {@code out} as doubles. */
    private static void merge(long[] left, long[] right, int half, int length, double[] out) {
        int i = 0;
        int j = half;
        int k = 0;
        while (i < half && j < length) {
            long a = left[i];
            long b = right[j];
            // Unsigned b < a, left first on ties (as a stable merge); no data-dependent branch.
            long takeRight = ((~b & a) | ((~b | a) & (b - a))) >>> 63; // 1 when b < a (unsigned borrow)
            long mask = -takeRight;
            out[k++] = toDouble((a & ~mask) | (b & mask));
            j += (int) takeRight;
            i += 1 - (int) takeRight;
        }
        while (i < half) {
            out[k++] = toDouble(left[i++]);
        }
        while (j < length) {
            out[k++] = toDouble(right[j++]);
        }
    }

    private static double toDouble(long key) {
        return Double.longBitsToDouble(key ^ (((~key) >> 63) | Long.MIN_VALUE));
    }
}
