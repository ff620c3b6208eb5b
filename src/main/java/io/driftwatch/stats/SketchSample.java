package io.driftwatch.stats;

import java.util.Objects;

/**
 * The input of a drift test on sketches for one column: both sides summarised, numerical
 * ({@link Numeric}: quantile summaries) or categorical ({@link Categorical}: label counts).
 *
 * <p>Thread-safe: immutable records of immutable summaries.
 */
public sealed interface SketchSample permits SketchSample.Numeric, SketchSample.Categorical {

    /** Number of reference values the test sees (exact, whatever the summary's error). */
    long referenceSize();

    /** Number of current values the test sees (exact). */
    long currentSize();

    /** The kind of column. */
    ColumnKind kind();

    /** Both sides of a numerical column. */
    record Numeric(QuantileSummary reference, QuantileSummary current) implements SketchSample {
        public Numeric {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(current, "current");
        }

        @Override
        public long referenceSize() {
            return reference.count();
        }

        @Override
        public long currentSize() {
            return current.count();
        }

        @Override
        public ColumnKind kind() {
            return ColumnKind.NUMERICAL;
        }
    }

    /** Both sides of a categorical column. */
    record Categorical(FrequencySummary reference, FrequencySummary current) implements SketchSample {
        public Categorical {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(current, "current");
        }

        @Override
        public long referenceSize() {
            return reference.total();
        }

        @Override
        public long currentSize() {
            return current.total();
        }

        @Override
        public ColumnKind kind() {
            return ColumnKind.CATEGORICAL;
        }
    }
}
