package io.driftwatch.stats;

/**
 * Evidently's {@code ed} drift test: the energy distance between the two empirical distributions, as
 * {@code scipy.stats.energy_distance} (Székely and Rizzo, "Energy statistics: a class of statistics
 * based on distances", J. Stat. Plan. Inference 143(8), 2013, doi:10.1016/j.jspi.2013.03.018).
 *
 * <p>On the line the energy distance equals
 * <pre>  E = sqrt(2) · sqrt( ∫ (F_R(x) − F_C(x))² dx )</pre>
 * with the empirical CDFs, computed like {@link WassersteinDistance} by one linear merge of the sorted
 * arrays ({@link EcdfIntegral}). Unlike the Wasserstein score it is <em>not</em> normalised by scale.
 * Drift when {@code E > t} (strict, as Evidently), default {@code t = 0.1}.
 *
 * <p>Edge cases: two different constants give {@code sqrt(2 · |a − b|)}; identical samples give 0;
 * categorical columns throw {@link InapplicableTestException}; an empty side throws
 * {@link InsufficientDataException}.
 *
 * <p>Thread-safe: immutable.
 */
public final class EnergyDistance implements DriftTest {
    private static final EnergyDistance DEFAULTS = new EnergyDistance();

    private EnergyDistance() {
    }

    /** The test with Evidently's settings (it has no options). */
    public static EnergyDistance withDefaults() {
        return DEFAULTS;
    }

    @Override
    public String name() {
        return "ed";
    }

    @Override
    public String displayName() {
        return "Energy-distance";
    }

    @Override
    public ScoreKind scoreKind() {
        return ScoreKind.DISTANCE;
    }

    @Override
    public Comparison comparison() {
        return Comparison.GREATER;
    }

    @Override
    public double defaultThreshold() {
        return 0.1;
    }

    @Override
    public boolean appliesTo(ColumnKind kind) {
        return kind == ColumnKind.NUMERICAL;
    }

    /** The energy distance of the two samples. */
    public double distance(NumericSamples samples) {
        TestInput.numeric(samples, name());
        return Math.sqrt(2) * Math.sqrt(EcdfIntegral.squared(samples.reference(), samples.current()));
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        return TestResult.of(this, distance(TestInput.numeric(sample, name())), threshold);
    }
}
