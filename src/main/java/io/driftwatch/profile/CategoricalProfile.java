package io.driftwatch.profile;

import io.driftwatch.data.PhysicalType;

/**
 * A text reference column: each distinct label with its count, labels in ascending order.
 *
 * <p>Thread-safe: immutable; accessors return copies.
 */
public final class CategoricalProfile implements ColumnProfile {
    private final String name;
    private final int rows;
    private final int missing;
    private final String[] labels;
    private final long[] counts;

    CategoricalProfile(String name, int rows, int missing, String[] labels, long[] counts) {
        this.name = name;
        this.rows = rows;
        this.missing = missing;
        this.labels = labels;
        this.counts = counts;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PhysicalType physicalType() {
        return PhysicalType.STRING;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int missing() {
        return missing;
    }

    /** Number of distinct labels. */
    public int size() {
        return labels.length;
    }

    public String label(int i) {
        return labels[i];
    }

    public long count(int i) {
        return counts[i];
    }

    /** A copy of the labels, ascending. */
    public String[] labels() {
        return labels.clone();
    }

    /** A copy of the counts, aligned with {@link #labels()}. */
    public long[] counts() {
        return counts.clone();
    }
}
