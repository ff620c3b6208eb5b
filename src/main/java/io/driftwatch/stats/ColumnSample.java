package io.driftwatch.stats;

/**
 * The input of a drift test for one column: the reference and current sides reduced to what the
 * tests need. A numerical column arrives as {@link NumericSamples}; a categorical one as
 * {@link CategoryCounts}. The kind matters beyond storage: {@code psi} bins a numerical column
 * (Sturges) but counts a categorical one per value.
 */
public sealed interface ColumnSample permits NumericSamples, CategoryCounts {

    /** Number of reference values the test sees (after cleaning). */
    long referenceSize();

    /** Number of current values the test sees (after cleaning). */
    long currentSize();
}
