package io.driftwatch.stats;

/**
 * What every sketch test takes from its exact counterpart: name, display name, score kind,
 * comparison, default threshold and the kinds of column it applies to.
 *
 * <p>Thread-safe: immutable.
 */
abstract class SketchTestBase implements SketchTest {
    final DriftTest exact;

    SketchTestBase(DriftTest exact) {
        this.exact = exact;
    }

    @Override
    public final String name() {
        return exact.name();
    }

    @Override
    public final String displayName() {
        return exact.displayName();
    }

    @Override
    public final ScoreKind scoreKind() {
        return exact.scoreKind();
    }

    @Override
    public final Comparison comparison() {
        return exact.comparison();
    }

    @Override
    public final double defaultThreshold() {
        return exact.defaultThreshold();
    }

    @Override
    public boolean appliesTo(ColumnKind kind) {
        return exact.appliesTo(kind);
    }

    /** Throws {@link InsufficientDataException} when a side is empty, as the exact tests do. */
    static void requireBothSides(SketchSample sample) {
        if (sample.referenceSize() == 0 || sample.currentSize() == 0) {
            throw new InsufficientDataException("the " + (sample.referenceSize() == 0 ? "reference" : "current")
                    + " column has no values left after removing missing and infinite values");
        }
    }

    /** The numeric summaries, or {@link InapplicableTestException}. */
    SketchSample.Numeric numeric(SketchSample sample) {
        if (!(sample instanceof SketchSample.Numeric n)) {
            throw new InapplicableTestException(name() + " applies to numerical columns only");
        }
        requireBothSides(n);
        return n;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name() + "]";
    }
}
