package io.driftwatch.data;

/**
 * One immutable column of a {@link Table}: either a {@link NumericColumn} or a
 * {@link CategoricalColumn}. A cell is missing when the source had no usable value there (an
 * empty cell, a missing-value token, an Arrow null); missing cells are counted, never guessed.
 *
 * <p>Thread-safe: immutable.
 */
public sealed interface Column permits NumericColumn, CategoricalColumn {

    /** The column's name as given by the source. */
    String name();

    /** How the source stored the values. */
    PhysicalType physicalType();

    /** Number of cells, missing ones included. */
    int length();

    /** Number of missing cells. */
    int missingCount();

    /** Whether cell {@code row} is missing. */
    boolean isMissing(int row);

    /** Bytes of primitive storage this column holds (values plus validity or codes). */
    long sizeInBytes();
}
