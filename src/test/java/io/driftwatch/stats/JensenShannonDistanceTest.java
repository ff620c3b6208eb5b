package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class JensenShannonDistanceTest {
    private static final JensenShannonDistance JS = JensenShannonDistance.withDefaults();

    @Test
    void disjointSupportsGiveSquareRootOfLnTwo() {
        TestResult r = JS.test(NumericSamples.clean(new double[] {1, 1}, new double[] {2, 2, 2}));
        assertThat(r.score()).isCloseTo(Math.sqrt(Math.log(2)), within(1e-15));
        assertThat(r.drifted()).isTrue();
    }

    @Test
    void matchesDefinitionWithAZeroShare() {
        // p = (1, 0), q = (0.5, 0.5), M = (0.75, 0.25): left = ln(4/3), right = 0.5 ln(2/3) + 0.5 ln 2,
        // JS = sqrt((1.5 ln(4/3)) / 2) = sqrt(0.75 ln(4/3)) = 0.46450140402245893 (by hand). No smoothing.
        TestResult r = JS.test(CategoryCounts.ofLabels(new String[] {"a", "b"}, new long[] {8, 0},
                new long[] {3, 3}));
        assertThat(r.score()).isCloseTo(Math.sqrt(0.75 * Math.log(4.0 / 3.0)), within(1e-15));
        assertThat(r.histogram().referenceShares()).containsExactly(1.0, 0.0);
    }

    @Test
    void identicalSamplesScoreZero() {
        double[] x = {0.5, 1.5, 1.5, 2.5};
        assertThat(JS.distance(NumericSamples.ofSorted(x, x))).isZero();
    }

    @Test
    void honoursEqualWidthBinning() {
        // Reference 0..10, five equal-width bins: shares (2, 2, 2, 2, 3)/11; current {−5, 0, 3, 20}:
        // (0.5, 0.25, 0, 0, 0.25). Expected 0.40936338198168076 =
        // scipy.spatial.distance.jensenshannon([2/11]*4 + [3/11], [0.5, 0.25, 0, 0, 0.25]) (SciPy 1.17.1).
        NumericSamples s = NumericSamples.clean(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
                new double[] {-5, 0, 3, 20});
        double js = JS.withBinning(BinningStrategy.EQUAL_WIDTH).withBinCount(5).distance(s);
        assertThat(js).isCloseTo(0.40936338198168076, within(1e-15));
    }

    @Test
    void refusesAnEmptySide() {
        assertThatThrownBy(() -> JS.test(NumericSamples.clean(new double[] {1}, new double[0])))
                .isInstanceOf(InsufficientDataException.class);
    }
}
