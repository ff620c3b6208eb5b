package io.driftwatch.profile;

import io.driftwatch.data.PhysicalType;

/**
 * One column of a {@link SketchProfile}: mergeable summaries instead of the values.
 *
 * <p>Thread-safe once held by a profile: read-only.
 */
public sealed interface ColumnSketch permits NumericSketch, CategoricalSketch {

    String name();

    PhysicalType physicalType();

    /** Number of cells, missing ones included. */
    long rows();

    /** Number of missing cells. */
    long missing();
}
