package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GTestTest {
    private static final GTest TEST = GTest.withDefaults();

    @Test
    void matchesLikelihoodRatioByHand() {
        // G = 2(30 ln(30/50) + 70 ln(70/50)) = 16.456575701010358 and p = 4.977722429407602e-05
        // (scipy.stats.power_divergence([30, 70], [50, 50], lambda_="log-likelihood"), SciPy 1.17.1).
        TestResult r = TEST.test(CategoryCounts.ofLabels(new String[] {"a", "b"}, new long[] {50, 50},
                new long[] {30, 70}));
        assertThat(r.statistic()).isCloseTo(16.456575701010358, within(1e-12));
        assertThat(r.score()).isCloseTo(4.977722429407602e-05, within(4.98e-05 * 1e-9));
    }

    @Test
    void keyOnlyInReferenceContributesNothingAndKeyOnlyInCurrentIsInfinite() {
        TestResult onlyRef = TEST.test(CategoryCounts.ofLabels(new String[] {"a", "b", "c"}, new long[] {5, 5, 2},
                new long[] {6, 6, 0}));
        // 2(6 ln(6/5) + 6 ln(6/5)) + 0 = 24 ln 1.2 (by hand)
        assertThat(onlyRef.statistic()).isCloseTo(24 * Math.log(1.2), within(1e-12));
        TestResult onlyCur = TEST.test(CategoryCounts.ofLabels(new String[] {"a", "b"}, new long[] {2, 0},
                new long[] {1, 1}));
        assertThat(onlyCur.statistic()).isInfinite();
        assertThat(onlyCur.score()).isZero();
    }

    @Test
    void refusesUnequalSizesAsSciPyDoes() {
        assertThatThrownBy(() -> TEST.test(CategoryCounts.ofLabels(new String[] {"a", "b"}, new long[] {3, 3},
                new long[] {3, 4}))).isInstanceOf(InapplicableTestException.class)
                .hasMessageContaining("g_test_homogeneity");
    }

    @Test
    void singleKeyGivesNaN() {
        TestResult r = TEST.test(CategoryCounts.ofLabels(new String[] {"v0"}, new long[] {1}, new long[] {1}));
        assertThat(r.score()).isNaN();
        assertThat(r.drifted()).isFalse();
    }
}
