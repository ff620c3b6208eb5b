package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FisherExactTestTest {
    private static final FisherExactTest FISHER = FisherExactTest.withDefaults();

    @Test
    void ladyTastingTea() {
        // Fisher (1935): 3 of 4 milk-first cups identified; two-sided p = 34/70
        assertThat(FISHER.pValue(3, 1, 1, 3)).isCloseTo(34.0 / 70, within(1e-15));
        assertThat(FISHER.statistic(3, 1, 1, 3)).isEqualTo(9.0);
    }

    @Test
    void matchesScipyDocumentationExample() {
        // scipy.stats.fisher_exact([[6, 2], [1, 4]]).pvalue
        assertThat(FISHER.pValue(6, 2, 1, 4)).isCloseTo(0.10256410256410257, within(1e-15));
        // the lower-tail branch: same table mirrored
        assertThat(FISHER.pValue(1, 4, 6, 2)).isCloseTo(0.10256410256410257, within(1e-15));
    }

    @Test
    void matchesEvidentlyOnBinaryColumn() {
        // oracle visible-fisher_exact-cat-binary_equal_n-0: no 142 / yes 58 vs yes 89 / no 111
        TestResult r = FISHER.test(CategoryCounts.ofLabels(new String[] {"no", "yes"}, new long[] {142, 58},
                new long[] {111, 89}));
        assertThat(r.score()).isCloseTo(0.0018168454054156705, within(1e-17));
        assertThat(r.drifted()).isTrue();
    }

    @Test
    void zeroMarginGivesPOne() {
        assertThat(FISHER.pValue(0, 5, 0, 5)).isEqualTo(1.0);
        assertThat(FISHER.statistic(0, 5, 0, 5)).isNaN();
        TestResult r = FISHER.test(CategoryCounts.ofLabels(new String[] {"k"}, new long[] {4}, new long[] {4}));
        assertThat(r.score()).isEqualTo(1.0);
    }

    @Test
    void oneCategoryAgainstTheRestWhenTheUnionHasThree() {
        // {a, b} against {a, c}: a is coded 0, b and c 1 -> table [[1, 1], [1, 1]]
        TestResult r = FISHER.test(CategoryCounts.ofLabels(new String[] {"a", "b", "c"}, new long[] {1, 1, 0},
                new long[] {1, 0, 1}));
        assertThat(r.score()).isEqualTo(1.0);
        assertThat(r.statistic()).isEqualTo(1.0);
    }

    @Test
    void rejectsMoreThanTwoCategoriesOnASideAndUnequalSizes() {
        assertThatThrownBy(() -> FISHER.test(CategoryCounts.ofLabels(new String[] {"a", "b", "c"},
                new long[] {1, 1, 1}, new long[] {3, 0, 0}))).isInstanceOf(InapplicableTestException.class);
        assertThatThrownBy(() -> FISHER.test(CategoryCounts.ofLabels(new String[] {"a", "b"},
                new long[] {2, 2}, new long[] {3, 2}))).isInstanceOf(InapplicableTestException.class);
        assertThatThrownBy(() -> FISHER.test(CategoryCounts.ofLabels(new String[] {"a"},
                new long[] {2}, new long[] {0}))).isInstanceOf(InsufficientDataException.class);
    }

    @Test
    void numericSamplesAreTestedAsCategories() {
        TestResult r = FISHER.test(NumericSamples.clean(new double[] {0, 0, 0, 1}, new double[] {1, 1, 1, 0}));
        assertThat(r.score()).isCloseTo(FISHER.pValue(3, 1, 1, 3), within(1e-15));
    }
}
