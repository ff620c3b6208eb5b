package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PopulationStabilityIndexTest {
    private static final PopulationStabilityIndex PSI = PopulationStabilityIndex.withDefaults();

    @Test
    void matchesDefinitionOnCategories() {
        // Shares (0.5, 0.5) vs (0.3, 0.7): 0.2 ln(5/3) + (−0.2) ln(5/7) = 0.2 ln(7/3) (by hand).
        TestResult r = PSI.test(CategoryCounts.ofLabels(new String[] {"a", "b"}, new long[] {50, 50},
                new long[] {30, 70}));
        assertThat(r.score()).isCloseTo(0.2 * Math.log(7.0 / 3.0), within(1e-15));
        assertThat(r.method()).isEqualTo("per_value");
        assertThat(r.histogram().keys()).containsExactly("a", "b");
        assertThat(r.drifted()).isTrue();
    }

    @Test
    void smoothsZeroSharesOfEachSideSeparately() {
        // Different constants: r = (1, 0), c = (0, 1) → zeros become 1e-4 (smallest nonzero share 1 > 1e-4);
        // PSI = 2 · 0.9999 · ln(1e4) = 18.41883867587797 (by hand; Evidently's score for constant_diff).
        TestResult r = PSI.test(NumericSamples.clean(new double[] {1, 1, 1}, new double[] {2, 2}));
        assertThat(r.score()).isCloseTo(2 * 0.9999 * Math.log(1e4), within(1e-12));
        assertThat(r.histogram().referenceShares()).containsExactly(1.0, 1e-4);
    }

    @Test
    void identicalSamplesScoreZero() {
        double[] x = new double[100];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.37;
        }
        TestResult r = PSI.test(NumericSamples.ofSorted(x, x));
        assertThat(r.score()).isZero();
        assertThat(r.method()).isEqualTo("sturges");
    }

    @Test
    void keyOnlyInCurrentIsSmoothedOnTheReferenceSide() {
        // r = (1, 0) → (1, 1e-4); c = (0.5, 0.5): PSI = 0.5 ln 2 + (1e-4 − 0.5) ln(1e-4/0.5) (by hand).
        double psi = PSI.distance(CategoryCounts.ofLabels(new String[] {"a", "new"}, new long[] {4, 0},
                new long[] {2, 2}));
        assertThat(psi).isCloseTo(0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5), within(1e-12));
    }

    @Test
    void referenceQuantileBinsAreAnOption() {
        // Reference 1..10, two bins: median 5.5, edges (−∞, 5.5, ∞), reference shares (0.5, 0.5).
        // Current {1,1,1,2,2,2,3,3,6,7}: shares (0.8, 0.2).
        // PSI = 0.3 ln(1.6) + 0.3 ln(2.5) = 0.6 ln 2 = 0.4158883083359672 (by hand).
        NumericSamples s = NumericSamples.clean(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
                new double[] {1, 1, 1, 2, 2, 2, 3, 3, 6, 7});
        PopulationStabilityIndex quantiles = PSI.withBinning(BinningStrategy.REFERENCE_QUANTILES).withBinCount(2);
        TestResult r = quantiles.test(s);
        assertThat(r.score()).isCloseTo(0.6 * Math.log(2), within(1e-15));
        assertThat(r.method()).isEqualTo("reference_quantiles");
        assertThat(r.histogram().edges()).containsExactly(Double.NEGATIVE_INFINITY, 5.5, Double.POSITIVE_INFINITY);
        // Evidently's rule bins this (10 distinct reference values) per value instead.
        assertThat(PSI.test(s).method()).isEqualTo("per_value");
        assertThat(PSI.distance(s)).isNotCloseTo(r.score(), within(1e-3));
    }

    @Test
    void equalWidthBinsAreAnOption() {
        // Reference 0..10, five bins over [0, 10]: inner edges 2, 4, 6, 8 → reference shares
        // (2, 2, 2, 2, 3)/11; current {−5, 0, 3, 20} falls in the open outer bins too: (2, 1, 0, 0, 1)/4.
        NumericSamples s = NumericSamples.clean(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
                new double[] {-5, 0, 3, 20});
        TestResult r = PSI.withBinning(BinningStrategy.EQUAL_WIDTH).withBinCount(5).test(s);
        assertThat(r.histogram().edges()).containsExactly(Double.NEGATIVE_INFINITY, 2, 4, 6, 8,
                Double.POSITIVE_INFINITY);
        assertThat(r.histogram().currentShares()).containsExactly(0.5, 0.25, 1e-4, 1e-4, 0.25);
        assertThat(r.method()).isEqualTo("equal_width");
    }

    @Test
    void rejectsNonPositiveBinCount() {
        assertThatThrownBy(() -> PSI.withBinCount(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnEmptySide() {
        assertThatThrownBy(() -> PSI.test(NumericSamples.clean(new double[0], new double[] {1})))
                .isInstanceOf(InsufficientDataException.class);
    }
}
