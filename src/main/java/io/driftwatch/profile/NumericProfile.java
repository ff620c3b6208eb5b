package io.driftwatch.profile;

import io.driftwatch.data.PhysicalType;

/**
 * A numeric reference column: its finite values sorted ascending (Evidently's cleaning applied:
 * NaN and ±∞ dropped), and how many cells were missing or infinite.
 *
 * <p>Thread-safe: immutable. {@link #sortedValues()} returns the shared array for speed: callers
 * must not modify it.
 */
public final class NumericProfile implements ColumnProfile {
    private final String name;
    private final PhysicalType physicalType;
    private final int rows;
    private final int missing;
    private final int infinite;
    private final double[] sortedValues;

    NumericProfile(String name, PhysicalType physicalType, int rows, int missing, int infinite, double[] sortedValues) {
        this.name = name;
        this.physicalType = physicalType;
        this.rows = rows;
        this.missing = missing;
        this.infinite = infinite;
        this.sortedValues = sortedValues;
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
    public int rows() {
        return rows;
    }

    @Override
    public int missing() {
        return missing;
    }

    /** Number of ±∞ cells, dropped before testing. */
    public int infinite() {
        return infinite;
    }

    /** The finite values, sorted ascending; shared, do not modify. */
    public double[] sortedValues() {
        return sortedValues;
    }
}
