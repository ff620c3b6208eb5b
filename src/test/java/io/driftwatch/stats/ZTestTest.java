package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ZTestTest {
    private static final ZTest TEST = ZTest.withDefaults();

    @Test
    void matchesTwoProportionFormula() {
        // First key "a": non-"a" shares p1 = 0.5 (n = 100), p2 = 0.7 (m = 100); P = 0.6,
        // z = −0.2 / sqrt(0.24 · 0.02) = −2.886751345948128 (by hand);
        // p = 2(1 − Φ(|z|)) = 0.0038924171227785465 (scipy.stats.norm.cdf, SciPy 1.17.1).
        TestResult r = TEST.test(CategoryCounts.ofLabels(new String[] {"b", "a"}, new long[] {50, 50},
                new long[] {70, 30}));
        assertThat(r.statistic()).isCloseTo(-2.886751345948128, within(1e-12));
        assertThat(r.score()).isCloseTo(0.0038924171227785465, within(1e-15));
        assertThat(r.drifted()).isTrue();
    }

    @Test
    void firstCategoryInNaturalOrderAgainstTheRest() {
        // Keys a, b, c: only "a" against {b, c}; moving mass between b and c changes nothing.
        double p1 = TEST.test(CategoryCounts.ofLabels(new String[] {"a", "b", "c"}, new long[] {10, 10, 10},
                new long[] {10, 20, 0})).score();
        assertThat(p1).isEqualTo(1.0);
    }

    @Test
    void sameSingleValueOnBothSidesGivesOne() {
        TestResult r = TEST.test(CategoryCounts.ofLabels(new String[] {"x"}, new long[] {3}, new long[] {8}));
        assertThat(r.score()).isEqualTo(1.0);
        assertThat(r.statistic()).isZero();
    }

    @Test
    void differentConstantsGiveZeroOnceTheNormalCdfRoundsToOne() {
        // Constant "a" (76 rows) vs constant "b" (28 rows): |z| = 10.2, Φ(|z|) == 1.0 in doubles.
        TestResult r = TEST.test(CategoryCounts.ofLabels(new String[] {"a", "b"}, new long[] {76, 0},
                new long[] {0, 28}));
        assertThat(r.score()).isZero();
    }

    @Test
    void keyOnlyInCurrentCountsAsOther() {
        // "a" everywhere in reference; current has a new key "z": p1 = 0, p2 = 0.5 → drift.
        TestResult r = TEST.test(CategoryCounts.ofLabels(new String[] {"a", "z"}, new long[] {40, 0},
                new long[] {20, 20}));
        assertThat(r.score()).isLessThan(0.05);
    }

    @Test
    void refusesAnEmptySide() {
        assertThatThrownBy(() -> TEST.test(NumericSamples.clean(new double[] {1}, new double[] {Double.NaN})))
                .isInstanceOf(InsufficientDataException.class).hasMessageContaining("current");
    }
}
