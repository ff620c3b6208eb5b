package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HellingerDistanceTest {
    private static final HellingerDistance H = HellingerDistance.withDefaults();

    @Test
    void matchesDefinitionOnCategories() {
        // BC = sqrt(0.5 · 0.3) + sqrt(0.5 · 0.7); H = sqrt(1 − BC) = 0.1452366588341136 (by hand).
        TestResult r = H.test(CategoryCounts.ofLabels(new String[] {"a", "b"}, new long[] {50, 50},
                new long[] {30, 70}));
        assertThat(r.score()).isCloseTo(Math.sqrt(1 - (Math.sqrt(0.15) + Math.sqrt(0.35))), within(1e-15));
        assertThat(r.method()).isEqualTo("per_value");
    }

    @Test
    void numericBinsComeFromDistinctValues() {
        // Union distinct values {0, 1, 2, 3} (N = 4, not the 8 observations): Sturges width 3/(2+1) = 1,
        // 3 bins [0,1) [1,2) [2,3]. Reference {0,0,1,1} → densities (0.5, 0.5, 0); current {1,2,3,3} →
        // (0, 0.25, 0.75); w = 1, BC = sqrt(0.5 · 0.25) = sqrt(0.125), H = sqrt(1 − sqrt(0.125)) (by hand).
        TestResult r = H.test(NumericSamples.clean(new double[] {0, 0, 1, 1}, new double[] {1, 2, 3, 3}));
        assertThat(r.histogram().edges()).containsExactly(0, 1, 2, 3);
        assertThat(r.score()).isCloseTo(Math.sqrt(1 - Math.sqrt(0.125)), within(1e-15));
        assertThat(r.method()).isEqualTo("sturges");
    }

    @Test
    void disjointConstantsGiveOneAndEqualConstantsZero() {
        assertThat(H.distance(NumericSamples.clean(new double[] {4, 4}, new double[] {5}))).isEqualTo(1.0);
        assertThat(H.distance(NumericSamples.clean(new double[] {4, 4}, new double[] {4}))).isZero();
        assertThat(H.distance(CategoryCounts.ofLabels(new String[] {"a", "b"}, new long[] {3, 0},
                new long[] {0, 2}))).isEqualTo(1.0);
    }

    @Test
    void refusesAnEmptySide() {
        assertThatThrownBy(() -> H.test(NumericSamples.clean(new double[] {Double.NaN}, new double[] {1})))
                .isInstanceOf(InsufficientDataException.class);
    }
}
