package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Golden values from {@code scipy.stats.chi2_contingency} (SciPy 1.17.1, same algorithm as 1.10),
 * each also derivable by hand as the comments show.
 */
class ChiSquareHomogeneityTestTest {
    private static final ChiSquareHomogeneityTest TEST = ChiSquareHomogeneityTest.withDefaults();

    private static CategoryCounts table(long[] reference, long[] current) {
        String[] keys = new String[reference.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "k" + i;
        }
        return CategoryCounts.ofLabels(keys, reference, current);
    }

    @Test
    void matchesSciPyDocumentationExample() {
        // chi2_contingency([[10, 10, 20], [20, 20, 20]]) → (2.7777777777777777, 0.24935220877729622, dof 2),
        // the example of SciPy's chi2_contingency documentation.
        TestResult r = TEST.test(table(new long[] {10, 10, 20}, new long[] {20, 20, 20}));
        assertThat(r.statistic()).isCloseTo(2.7777777777777777, within(1e-14));
        assertThat(r.score()).isCloseTo(0.24935220877729622, within(1e-14));
        assertThat(r.drifted()).isFalse();
    }

    @Test
    void noCorrectionWithMoreThanTwoCategories() {
        // [[10, 20, 30], [30, 20, 10]]: all E = 20, X² = 4 · 100/20 = 20, dof 2, p = exp(−10) (by hand).
        TestResult r = TEST.test(table(new long[] {10, 20, 30}, new long[] {30, 20, 10}));
        assertThat(r.statistic()).isCloseTo(20.0, within(1e-12));
        assertThat(r.score()).isCloseTo(Math.exp(-10), within(1e-17));
    }

    @Test
    void yatesCorrectionWithTwoCategoriesUnlessTurnedOff() {
        // [[12, 8], [5, 15]]: E = 8.5, 11.5 per row, |O − E| = 3.5 → 3.0 after Yates;
        // X² = 2 · (9/8.5 + 9/11.5) = 3.6828644501278776, p = 0.05497432872169419;
        // without correction X² = 2 · (12.25/8.5 + 12.25/11.5) = 5.012787723785166, p = 0.025160759200408785.
        CategoryCounts c = table(new long[] {12, 8}, new long[] {5, 15});
        TestResult yates = TEST.test(c);
        assertThat(yates.statistic()).isCloseTo(3.6828644501278776, within(1e-13));
        assertThat(yates.score()).isCloseTo(0.05497432872169419, within(1e-15));
        TestResult plain = TEST.withContinuityCorrection(ContinuityCorrection.NONE).test(c);
        assertThat(plain.statistic()).isCloseTo(5.012787723785166, within(1e-13));
        assertThat(plain.score()).isCloseTo(0.025160759200408785, within(1e-15));
        assertThat(plain.drifted()).isTrue();
    }

    @Test
    void handlesCategoryNewInCurrent() {
        // [[50, 50, 0], [40, 40, 20]]: E = 45, 45, 10 per row; X² = 2 · (25/45 + 25/45 + 100/10)
        // = 22.22222222222222, p = 1.4945338524781447e-05. Evidently's chisquare would give p = 0.
        CategoryCounts c = table(new long[] {50, 50, 0}, new long[] {40, 40, 20});
        TestResult r = TEST.test(c);
        assertThat(r.statistic()).isCloseTo(22.22222222222222, within(1e-12));
        assertThat(r.score()).isCloseTo(1.4945338524781447e-05, within(1e-17));
        assertThat(ChiSquareTest.withDefaults().test(c).score()).isZero();
    }

    @Test
    void singleCategoryGivesOne() {
        TestResult r = TEST.test(table(new long[] {3}, new long[] {9}));
        assertThat(r.score()).isEqualTo(1.0);
        assertThat(r.statistic()).isZero();
    }

    @Test
    void isRegisteredUnderItsOwnName() {
        DriftTest t = DriftTests.byName("chisquare_homogeneity").orElseThrow();
        assertThat(t.displayName()).isEqualTo("chi-square homogeneity p_value");
        assertThat(t.defaultThreshold()).isEqualTo(0.05);
        assertThat(t.comparison()).isEqualTo(Comparison.LESS);
    }
}
