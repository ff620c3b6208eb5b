package io.driftwatch.stats;

/**
 * Turns the input of a categorical test into {@link CategoryCounts}: categories as they are, numbers
 * as one category per distinct value (as Evidently runs {@code chisquare}, {@code z} and friends on
 * numerical columns with few values). Also rejects an empty side, which Evidently refuses before any
 * test runs.
 *
 * <p>Thread-safe: stateless.
 */
final class TestInput {

    private TestInput() {
    }

    /** {@code sample} as category counts, both sides non-empty. */
    static CategoryCounts counts(ColumnSample sample) {
        Binning.requireBothSides(sample);
        return sample instanceof NumericSamples s ? s.toCategoryCounts() : (CategoryCounts) sample;
    }

    /** Number of keys with a count on at least one side (the union keys Evidently iterates). */
    static int unionKeys(CategoryCounts counts) {
        int k = 0;
        for (int i = 0; i < counts.size(); i++) {
            if (counts.referenceCount(i) != 0 || counts.currentCount(i) != 0) {
                k++;
            }
        }
        return k;
    }

    /** Numerical tests refuse categories. */
    static NumericSamples numeric(ColumnSample sample, String test) {
        if (!(sample instanceof NumericSamples s)) {
            throw new InapplicableTestException(test + " applies to numerical columns only");
        }
        Binning.requireBothSides(s);
        return s;
    }
}
