package io.driftwatch.profile;

import io.driftwatch.data.PhysicalType;

/**
 * One reference column reduced to what the drift tests need.
 *
 * <p>Thread-safe: immutable.
 */
public sealed interface ColumnProfile permits NumericProfile, CategoricalProfile {

    String name();

    PhysicalType physicalType();

    /** Number of cells in the reference, missing ones included. */
    int rows();

    /** Number of missing cells (empty, missing token, NaN). */
    int missing();
}
