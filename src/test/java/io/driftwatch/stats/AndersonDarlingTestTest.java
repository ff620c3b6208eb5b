package io.driftwatch.stats;

import static io.driftwatch.stats.KolmogorovSmirnovTestTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AndersonDarlingTestTest {
    private static final AndersonDarlingTest AD = AndersonDarlingTest.withDefaults();

    @Test
    void interpolatedSignificanceMatchesScipy() {
        // Oracle case visible-anderson-num-tiny_3_3-0: anderson_ksamp statistic and significance_level.
        TestResult r = AD.test(NumericSamples.clean(new double[] {-2.23848, -0.184452, -0.114326},
                new double[] {2.1836, 1.73167, 0.839995}));
        assertClose(r.statistic(), 2.6332335269661775, 1e-12);
        assertClose(r.score(), 0.027147178465657357, 1e-9);
        assertThat(r.drifted()).isTrue();
    }

    @Test
    void unequalSizesMatchScipy() {
        // Oracle case visible-anderson-num-tiny_5_3-1.
        TestResult r = AD.test(NumericSamples.clean(new double[] {-1.07227, -0.32002, -1.20807, 1.02917, -0.571003},
                new double[] {1.0692, -0.662109, 2.08779}));
        assertClose(r.statistic(), 0.7121351010533933, 1e-12);
        assertClose(r.score(), 0.16753970852658512, 1e-9);
    }

    @Test
    void significanceIsClippedToTableRange() {
        assertThat(AndersonDarlingTest.significance(-1.0)).isEqualTo(0.25);
        assertThat(AndersonDarlingTest.significance(100.0)).isEqualTo(0.001);
        // At a tabulated critical value (k = 2: 1.96 + 1.149 - 0.391 = 2.718) the fit is close to 2.5%.
        assertThat(AndersonDarlingTest.significance(2.718)).isBetween(0.023, 0.027);
    }

    @Test
    void identicalSamplesAreNotDrift() {
        double[] a = {1, 2, 3, 4, 5, 6, 7, 8};
        TestResult r = AD.test(NumericSamples.ofSorted(a, a.clone()));
        assertThat(r.score()).isEqualTo(0.25);
        assertThat(r.drifted()).isFalse();
    }

    @Test
    void oneDistinctValueIsInsufficientData() {
        assertThatThrownBy(() -> AD.test(NumericSamples.ofSorted(new double[] {3, 3}, new double[] {3, 3, 3})))
                .isInstanceOf(InsufficientDataException.class);
    }

    @Test
    void singleValuePerSideIsInsufficientData() {
        assertThatThrownBy(() -> AD.test(NumericSamples.ofSorted(new double[] {1}, new double[] {2})))
                .isInstanceOf(InsufficientDataException.class);
    }

    @Test
    void emptySideIsInsufficientData() {
        assertThatThrownBy(() -> AD.test(NumericSamples.ofSorted(new double[0], new double[] {1, 2})))
                .isInstanceOf(InsufficientDataException.class);
    }
}
