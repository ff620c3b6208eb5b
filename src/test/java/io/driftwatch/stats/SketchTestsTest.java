package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sketch tests on hand-made summaries: exact summaries give the exact tests' results, the
 * verdict is undecided exactly when the threshold lies in the score interval, and the interval of
 * estimated summaries holds the exact score.
 */
class SketchTestsTest {

    static Stream<OracleCase> numericCases() {
        return Stream.of("ks", "wasserstein", "psi", "jensenshannon", "kl_div")
                .flatMap(t -> OracleCase.load("stattest_" + t + ".json").stream())
                .filter(OracleCase::numerical);
    }

    static Stream<OracleCase> categoricalCases() {
        return Stream.of("chisquare", "z", "psi", "jensenshannon", "kl_div", "hellinger")
                .flatMap(t -> OracleCase.load("stattest_" + t + ".json").stream())
                .filter(c -> !c.numerical() && c.dtype().equals("string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numericCases")
    void exactQuantileSummariesGiveTheExactResult(OracleCase c) {
        NumericSamples s = (NumericSamples) c.sample();
        String name = c.expected().get("stattest").asText();
        TestResult exact = DriftTests.byName(name).orElseThrow().test(s, c.threshold());
        SketchTestResult sketch = SketchTests.byName(name).orElseThrow().test(
                new SketchSample.Numeric(QuantileSummary.ofSorted(s.reference()), QuantileSummary.ofSorted(s.current())),
                c.threshold());
        if (name.equals("ks")) {
            assertSameBits(sketch.score(), exact.score());
            assertSameBits(sketch.statistic(), exact.statistic());
            assertThat(sketch.method()).isEqualTo(exact.method());
        } else {
            assertThat(sketch.score()).isCloseTo(exact.score(), within(1e-9 * Math.max(1, Math.abs(exact.score()))));
        }
        assertSameBits(sketch.scoreLow(), sketch.score());
        assertSameBits(sketch.scoreHigh(), sketch.score());
        if (name.equals("ks") || Math.abs(exact.score() - c.threshold()) > 1e-9) {
            // a distance summed in another order may land on the other side of a threshold it equals
            assertThat(sketch.verdict()).isEqualTo(exact.drifted() ? Verdict.DRIFT : Verdict.NO_DRIFT);
        }
        assertThat(sketch.displayName()).isEqualTo(exact.displayName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("categoricalCases")
    void exactCountsGiveTheExactResultToTheBit(OracleCase c) {
        CategoryCounts counts = (CategoryCounts) c.sample();
        String name = c.expected().get("stattest").asText();
        TestResult exact = DriftTests.byName(name).orElseThrow().test(counts, c.threshold());
        SketchTestResult sketch = SketchTests.byName(name).orElseThrow().test(categorical(counts, false),
                c.threshold());
        assertSameBits(sketch.score(), exact.score());
        assertSameBits(sketch.statistic(), exact.statistic());
        assertThat(sketch.verdict()).isEqualTo(exact.drifted() ? Verdict.DRIFT : Verdict.NO_DRIFT);
    }

    private static void assertSameBits(double actual, double expected) {
        assertThat(Double.compare(actual, expected)).as("%s and %s", actual, expected).isZero();
    }

    /** Each side of {@code counts} as an exact summary, or with labels of index 2 and above unlisted. */
    static SketchSample.Categorical categorical(CategoryCounts counts, boolean estimated) {
        return new SketchSample.Categorical(side(counts, true, estimated), side(counts, false, estimated));
    }

    private static FrequencySummary side(CategoryCounts counts, boolean reference, boolean estimated) {
        int n = 0;
        String[] labels = new String[counts.size()];
        long[] c = new long[counts.size()];
        long total = 0;
        for (int i = 0; i < counts.size(); i++) {
            long v = reference ? counts.referenceCount(i) : counts.currentCount(i);
            total += v;
            if (v > 0 && (!estimated || i < 2)) {
                labels[n] = counts.label(i);
                c[n++] = v;
            }
        }
        labels = Arrays.copyOf(labels, n);
        c = Arrays.copyOf(c, n);
        if (!estimated) {
            return FrequencySummary.exact(labels, c);
        }
        long[] lower = new long[n];
        long[] upper = new long[n];
        long slack = Math.max(1, total / 50);
        for (int i = 0; i < n; i++) {
            lower[i] = Math.max(0, c[i] - slack);
            upper[i] = c[i] + slack;
        }
        return FrequencySummary.estimated(labels, c, lower, upper, total, slack);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chisquare", "z", "psi", "jensenshannon", "kl_div", "hellinger"})
    void estimatedCountsGiveAnIntervalWithTheirOwnPointScore(String name) {
        CategoryCounts counts = CategoryCounts.ofLabels(new String[] {"a", "b", "c", "d"},
                new long[] {5000, 3000, 1500, 500}, new long[] {4700, 3100, 1600, 600});
        SketchTestResult sketch = SketchTests.byName(name).orElseThrow().test(categorical(counts, true));
        assertThat(sketch.method()).isEqualTo("frequent_items");
        assertThat(sketch.scoreLow()).isLessThanOrEqualTo(sketch.score());
        assertThat(sketch.scoreHigh()).isGreaterThanOrEqualTo(sketch.score());
        assertThat(sketch.scoreHigh()).isGreaterThan(sketch.scoreLow());
        // the pooled table of the true counts lies in the interval
        CategoryCounts pooled = CategoryCounts.ofLabels(new String[] {"a", "b", FrequencySummary.OTHER},
                new long[] {5000, 3000, 2000}, new long[] {4700, 3100, 2200});
        double truth = DriftTests.byName(name).orElseThrow().test(pooled).score();
        assertThat(truth).isBetween(sketch.scoreLow(), sketch.scoreHigh());
    }

    @Test
    void verdictIsUndecidedOnlyWhenTheThresholdLiesInTheInterval() {
        assertThat(Verdict.of(Comparison.GREATER_OR_EQUAL, 0.12, 0.3, 0.1)).isEqualTo(Verdict.DRIFT);
        assertThat(Verdict.of(Comparison.GREATER_OR_EQUAL, 0.01, 0.09, 0.1)).isEqualTo(Verdict.NO_DRIFT);
        assertThat(Verdict.of(Comparison.GREATER_OR_EQUAL, 0.05, 0.15, 0.1)).isEqualTo(Verdict.UNDECIDED);
        assertThat(Verdict.of(Comparison.LESS_OR_EQUAL, 0.01, 0.2, 0.05)).isEqualTo(Verdict.UNDECIDED);
        assertThat(Verdict.of(Comparison.LESS_OR_EQUAL, 1e-9, 0.04, 0.05)).isEqualTo(Verdict.DRIFT);
        assertThat(Verdict.of(Comparison.LESS, Double.NaN, Double.NaN, 0.05)).isEqualTo(Verdict.NO_DRIFT);
    }

    @Test
    void ksIsUndecidedWhenTheStatisticBoundStraddlesTheCriticalValue() {
        // two coarse summaries of 5000 values each, 2 % apart at the median, each with rank error 1 %
        double[] items = {0, 1, 2, 3};
        QuantileSummary r = QuantileSummary.of(items, new long[] {1250, 2500, 3750, 5000}, 0.01, 0.02, 0, 3, 1.5, 1.25);
        QuantileSummary c = QuantileSummary.of(items, new long[] {1250, 2400, 3750, 5000}, 0.01, 0.02, 0, 3, 1.5, 1.25);
        SketchTestResult result = SketchKolmogorovSmirnovTest.withDefaults().test(new SketchSample.Numeric(r, c));
        assertThat(result.statistic()).isCloseTo(0.02, within(1e-12));
        assertThat(result.statisticError()).isEqualTo(0.02);
        // p(0.02) ~ 0.26 and p(0.04) ~ 8e-4: the 0.05 threshold lies between
        assertThat(result.scoreLow()).isLessThan(0.05);
        assertThat(result.scoreHigh()).isGreaterThan(0.05);
        assertThat(result.verdict()).isEqualTo(Verdict.UNDECIDED);
        // with exact-sized error it decides
        QuantileSummary rExact = QuantileSummary.of(items, new long[] {1250, 2500, 3750, 5000}, 0, 0, 0, 3, 1.5, 1.25);
        QuantileSummary cExact = QuantileSummary.of(items, new long[] {1250, 2400, 3750, 5000}, 0, 0, 0, 3, 1.5, 1.25);
        assertThat(SketchKolmogorovSmirnovTest.withDefaults().test(new SketchSample.Numeric(rExact, cExact)).verdict())
                .isEqualTo(Verdict.NO_DRIFT);
    }

    @Test
    void wassersteinIntervalHoldsTheExactDistanceOfCoarsenedSamples() {
        Random random = new Random(7);
        double[] r = new double[20_000];
        double[] c = new double[20_000];
        for (int i = 0; i < r.length; i++) {
            r[i] = random.nextGaussian();
            c[i] = random.nextGaussian() * 1.1 + 0.05;
        }
        Arrays.sort(r);
        Arrays.sort(c);
        double exact = WassersteinDistance.withDefaults().distance(NumericSamples.ofSorted(r, c));
        SketchTestResult sketch = SketchWassersteinDistance.withDefaults().test(
                new SketchSample.Numeric(coarsen(r, 100), coarsen(c, 100)));
        assertThat(exact).isBetween(sketch.scoreLow(), sketch.scoreHigh());
        assertThat(sketch.score()).isCloseTo(exact, within(0.02));
    }

    /**
     * A summary of a sorted array keeping every {@code step}-th value with weight {@code step}: its
     * rank error is at most {@code step / n}, its mass error twice that.
     */
    static QuantileSummary coarsen(double[] sorted, int step) {
        int n = sorted.length / step;
        double[] items = new double[n];
        long[] cumulative = new long[n];
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        double mean = sum / sorted.length;
        double m2 = 0;
        for (double v : sorted) {
            m2 += (v - mean) * (v - mean);
        }
        for (int i = 0; i < n; i++) {
            items[i] = sorted[i * step + step - 1];
            cumulative[i] = (long) (i + 1) * step;
        }
        double eps = (double) step / sorted.length;
        return QuantileSummary.of(items, cumulative, eps, 2 * eps, sorted[0], sorted[sorted.length - 1], mean,
                m2 / sorted.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"psi", "jensenshannon", "kl_div", "hellinger", "ks"})
    void binnedIntervalsHoldTheExactScoreOfCoarsenedSamples(String name) {
        Random random = new Random(11);
        double[] r = new double[20_000];
        double[] c = new double[20_000];
        for (int i = 0; i < r.length; i++) {
            r[i] = random.nextGaussian();
            c[i] = random.nextGaussian() + 0.1;
        }
        Arrays.sort(r);
        Arrays.sort(c);
        double exact = DriftTests.byName(name).orElseThrow().test(NumericSamples.ofSorted(r, c)).score();
        SketchTestResult sketch = SketchTests.byName(name).orElseThrow().test(
                new SketchSample.Numeric(coarsen(r, 20), coarsen(c, 20)));
        assertThat(exact).isBetween(sketch.scoreLow(), sketch.scoreHigh());
    }

    @Test
    void refusesWhatTheExactTestsRefuse() {
        QuantileSummary empty = QuantileSummary.ofSorted(new double[0]);
        QuantileSummary some = QuantileSummary.ofSorted(new double[] {1, 2, 3});
        for (String name : SketchTests.names()) {
            SketchTest test = SketchTests.byName(name).orElseThrow();
            assertThatThrownBy(() -> test.test(new SketchSample.Numeric(empty, some)))
                    .isInstanceOf(InsufficientDataException.class);
        }
        FrequencySummary labels = FrequencySummary.exact(new String[] {"a"}, new long[] {3});
        assertThatThrownBy(() -> SketchKolmogorovSmirnovTest.withDefaults()
                .test(new SketchSample.Categorical(labels, labels))).isInstanceOf(InapplicableTestException.class);
        QuantileSummary coarse = coarsen(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 2);
        assertThatThrownBy(() -> SketchCountTest.chiSquare().test(new SketchSample.Numeric(coarse, coarse)))
                .isInstanceOf(InapplicableTestException.class)
                .hasMessageContaining("exact value counts");
    }

    @Test
    void everySketchTestCarriesItsExactTestsNameAndDefaults() {
        List<String> names = SketchTests.names();
        assertThat(names).containsExactly("ks", "wasserstein", "psi", "kl_div", "jensenshannon", "hellinger",
                "chisquare", "z");
        for (String name : names) {
            SketchTest sketch = SketchTests.byName(name).orElseThrow();
            DriftTest exact = DriftTests.byName(name).orElseThrow();
            assertThat(sketch.displayName()).isEqualTo(exact.displayName());
            assertThat(sketch.defaultThreshold()).isEqualTo(exact.defaultThreshold());
            assertThat(sketch.comparison()).isEqualTo(exact.comparison());
            assertThat(sketch.scoreKind()).isEqualTo(exact.scoreKind());
        }
    }
}
