package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Golden values from {@code scipy.stats.chi2_contingency(table, lambda_="log-likelihood")} (SciPy 1.17.1,
 * same algorithm as 1.10).
 */
class GHomogeneityTestTest {
    private static final GHomogeneityTest TEST = GHomogeneityTest.withDefaults();

    private static CategoryCounts table(long[] reference, long[] current) {
        String[] keys = new String[reference.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "k" + i;
        }
        return CategoryCounts.ofLabels(keys, reference, current);
    }

    @Test
    void matchesSciPyOnDocumentationTable() {
        // [[10, 10, 20], [20, 20, 20]] → G = 2.768858761678132, p = 0.25046668010954165.
        TestResult r = TEST.test(table(new long[] {10, 10, 20}, new long[] {20, 20, 20}));
        assertThat(r.statistic()).isCloseTo(2.768858761678132, within(1e-13));
        assertThat(r.score()).isCloseTo(0.25046668010954165, within(1e-14));
    }

    @Test
    void worksWhenSizesDifferWhereEvidentlysGTestRefuses() {
        // n = 100, m = 200, a category only in current:
        // [[30, 70, 0], [60, 90, 50]] → G = 48.035404355354736, p = 3.70889446839593e-11.
        CategoryCounts c = table(new long[] {30, 70, 0}, new long[] {60, 90, 50});
        TestResult r = TEST.test(c);
        assertThat(r.statistic()).isCloseTo(48.035404355354736, within(1e-12));
        assertThat(r.score()).isCloseTo(3.70889446839593e-11, within(1e-20));
        assertThat(r.drifted()).isTrue();
        assertThatThrownBy(() -> GTest.withDefaults().test(c)).isInstanceOf(InapplicableTestException.class);
    }

    @Test
    void yatesCorrectionWithTwoCategoriesUnlessTurnedOff() {
        // [[30, 70], [60, 90]]: with Yates G = 2.20972244950784, p = 0.13714334303674033;
        // without G = 2.632736883095273, p = 0.10468112865170778.
        CategoryCounts c = table(new long[] {30, 70}, new long[] {60, 90});
        assertThat(TEST.test(c).score()).isCloseTo(0.13714334303674033, within(1e-14));
        TestResult plain = TEST.withContinuityCorrection(ContinuityCorrection.NONE).test(c);
        assertThat(plain.statistic()).isCloseTo(2.632736883095273, within(1e-13));
        assertThat(plain.score()).isCloseTo(0.10468112865170778, within(1e-14));
    }

    @Test
    void equalSharesGiveZeroStatistic() {
        // Reference 10:30, current 20:60: identical shares, G = 0 (O = E everywhere), p = 1 without correction.
        TestResult r = TEST.withContinuityCorrection(ContinuityCorrection.NONE)
                .test(table(new long[] {10, 30}, new long[] {20, 60}));
        assertThat(r.statistic()).isCloseTo(0.0, within(1e-12));
        assertThat(r.score()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void isRegisteredUnderItsOwnName() {
        assertThat(DriftTests.byName("g_test_homogeneity")).containsInstanceOf(GHomogeneityTest.class);
    }
}
