package io.driftwatch.drift;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Arrays for the current batch's sorted columns, handed from one column's test to the next column
 * of the same length within one check. A column's sorted copy is garbage as soon as its test is
 * done, but at a million rows each is 8 MB of new memory, and G1 reclaimed those arrays only after
 * the last column (their remembered sets were not empty, {@code -Xlog:gc+humongous=debug}): a
 * check of 40 columns grew its heap by 320 MB. Most columns of a batch have one length, so a few
 * arrays serve them all. Kept only as long as the check: nothing outlives its run.
 *
 * <p>Thread-safe: columns take and give back arrays from several threads.
 */
final class SortBuffers {
    /** Arrays kept for reuse at most; the ones given back beyond it are left to the collector. */
    private static final int KEPT = 4;

    private final ArrayBlockingQueue<double[]> free = new ArrayBlockingQueue<>(KEPT);

    /** An array of exactly {@code length}: one given back earlier, or a new one. */
    double[] take(int length) {
        for (double[] candidate : free) {
            if (candidate.length == length && free.remove(candidate)) {
                return candidate;
            }
        }
        return new double[length];
    }

    /** Gives {@code array} back for a later column; the caller must not touch it any more. */
    void giveBack(double[] array) {
        free.offer(array); // refused when KEPT arrays wait already
    }
}
