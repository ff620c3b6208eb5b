package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KullbackLeiblerDivergenceTest {
    private static final KullbackLeiblerDivergence KL = KullbackLeiblerDivergence.withDefaults();

    @Test
    void matchesDefinitionOnCategories() {
        // KL((0.5, 0.5) ‖ (0.3, 0.7)) = 0.5 ln(5/3) + 0.5 ln(5/7) = 0.5 ln(25/21) (by hand).
        TestResult r = KL.test(CategoryCounts.ofLabels(new String[] {"a", "b"}, new long[] {50, 50},
                new long[] {30, 70}));
        assertThat(r.score()).isCloseTo(0.5 * Math.log(25.0 / 21.0), within(1e-15));
        assertThat(r.drifted()).isFalse();
    }

    @Test
    void renormalisesSmoothedSharesBeforeSumming() {
        // Different constants: smoothed r = (1, 1e-4), c = (1e-4, 1), each renormalised by 1.0001:
        // KL = (1 ln(1e4) + 1e-4 ln(1e-4)) / 1.0001 = 9.208498488090177 (by hand; Evidently's constant_diff).
        double kl = KL.distance(CategoryCounts.ofLabels(new String[] {"x", "y"}, new long[] {52, 0},
                new long[] {0, 73}));
        assertThat(kl).isCloseTo((Math.log(1e4) + 1e-4 * Math.log(1e-4)) / 1.0001, within(1e-12));
        assertThat(kl).isCloseTo(9.208498488090177, within(1e-12));
    }

    @Test
    void isAsymmetric() {
        CategoryCounts forward = CategoryCounts.ofLabels(new String[] {"a", "b"}, new long[] {90, 10},
                new long[] {50, 50});
        CategoryCounts backward = CategoryCounts.ofLabels(new String[] {"a", "b"}, new long[] {50, 50},
                new long[] {90, 10});
        assertThat(KL.distance(forward)).isNotCloseTo(KL.distance(backward), within(1e-3));
    }

    @Test
    void honoursBinningOptions() {
        // Reference 1..10 with two quantile bins (0.5, 0.5); current shares (0.8, 0.2):
        // KL = 0.5 ln(0.5/0.8) + 0.5 ln(0.5/0.2) = 0.5 ln(25/16) (by hand).
        NumericSamples s = NumericSamples.clean(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
                new double[] {1, 1, 1, 2, 2, 2, 3, 3, 6, 7});
        double kl = KL.withBinning(BinningStrategy.REFERENCE_QUANTILES).withBinCount(2).distance(s);
        assertThat(kl).isCloseTo(0.5 * Math.log(25.0 / 16.0), within(1e-15));
    }

    @Test
    void refusesAnEmptySide() {
        assertThatThrownBy(() -> KL.test(CategoryCounts.ofLabels(new String[] {"a"}, new long[] {1}, new long[] {0})))
                .isInstanceOf(InsufficientDataException.class);
    }
}
