package io.driftwatch.stats;

import java.util.Arrays;

/**
 * The shares a binned test ({@code psi}, {@code kl_div}, {@code jensenshannon}) compared: either
 * bins with {@code edges} (length bins + 1) or one bin per category with {@code keys}; the other is
 * null. Shares are as the test used them (smoothed for {@code psi} and {@code kl_div}).
 *
 * <p>Thread-safe: immutable; arrays are copied in and out.
 */
public record Histogram(double[] edges, String[] keys, double[] referenceShares, double[] currentShares) {
    public Histogram {
        edges = edges == null ? null : edges.clone();
        keys = keys == null ? null : keys.clone();
        referenceShares = referenceShares.clone();
        currentShares = currentShares.clone();
    }

    @Override
    public double[] edges() {
        return edges == null ? null : edges.clone();
    }

    @Override
    public String[] keys() {
        return keys == null ? null : keys.clone();
    }

    @Override
    public double[] referenceShares() {
        return referenceShares.clone();
    }

    @Override
    public double[] currentShares() {
        return currentShares.clone();
    }

    /** Number of bins. */
    public int size() {
        return referenceShares.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && Arrays.equals(edges, h.edges) && Arrays.equals(keys, h.keys)
                && Arrays.equals(referenceShares, h.referenceShares) && Arrays.equals(currentShares, h.currentShares);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(edges) + Arrays.hashCode(keys)) + Arrays.hashCode(referenceShares);
    }

    @Override
    public String toString() {
        return "Histogram[" + size() + " bins]";
    }
}
