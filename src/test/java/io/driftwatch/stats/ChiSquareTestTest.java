package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ChiSquareTestTest {
    private static final ChiSquareTest TEST = ChiSquareTest.withDefaults();

    private static CategoryCounts counts(String[] keys, long[] reference, long[] current) {
        return CategoryCounts.ofLabels(keys, reference, current);
    }

    @Test
    void matchesPearsonByHandOnTwoCategories() {
        // Reference a:50 b:50, current a:30 b:70 (n = m = 100, so f_exp = 50, 50):
        // X² = (30−50)²/50 + (70−50)²/50 = 16 (by hand); p = chi2.sf(16, 1) = 6.334248366623988e-05
        // (scipy.stats.chisquare([30, 70], [50, 50]), SciPy 1.17.1).
        CategoryCounts c = counts(new String[] {"a", "b"}, new long[] {50, 50}, new long[] {30, 70});
        TestResult r = TEST.test(c);
        assertThat(r.statistic()).isCloseTo(16.0, within(1e-12));
        assertThat(r.score()).isCloseTo(6.334248366623988e-05, Offset.offset(6.3e-05 * 1e-9));
        assertThat(r.drifted()).isTrue();
        assertThat(r.comparison()).isEqualTo(Comparison.LESS);
    }

    @Test
    void scalesReferenceCountsToCurrentSize() {
        // Reference a:10 b:30 (n = 40), current a:20 b:60 (m = 80): scaled f_exp = 20, 60 = f_obs → X² = 0, p = 1.
        TestResult r = TEST.test(counts(new String[] {"a", "b"}, new long[] {10, 30}, new long[] {20, 60}));
        assertThat(r.statistic()).isZero();
        assertThat(r.score()).isEqualTo(1.0);
    }

    @Test
    void keyOnlyInCurrentGivesInfiniteStatisticAndZeroP() {
        TestResult r = TEST.test(counts(new String[] {"a", "new"}, new long[] {10, 0}, new long[] {9, 1}));
        assertThat(r.statistic()).isInfinite();
        assertThat(r.score()).isZero();
        assertThat(r.drifted()).isTrue();
    }

    @Test
    void singleKeyHasNoDegreesOfFreedomAndNeverDrifts() {
        TestResult r = TEST.test(counts(new String[] {"a"}, new long[] {5}, new long[] {7}));
        assertThat(r.score()).isNaN();
        assertThat(r.drifted()).isFalse();
    }

    @Test
    void testsNumbersAsCategories() {
        // Constant 1.0 vs constant 2.0: a key only in current → p = 0.
        TestResult r = TEST.test(NumericSamples.clean(new double[] {1, 1, 1}, new double[] {2, 2}));
        assertThat(r.score()).isZero();
    }

    @Test
    void refusesAnEmptySide() {
        assertThatThrownBy(() -> TEST.test(counts(new String[] {"a"}, new long[] {0}, new long[] {3})))
                .isInstanceOf(InsufficientDataException.class).hasMessageContaining("reference");
    }
}
