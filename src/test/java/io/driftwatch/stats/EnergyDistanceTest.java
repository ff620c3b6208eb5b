package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EnergyDistanceTest {
    private static final EnergyDistance ED = EnergyDistance.withDefaults();

    @Test
    void shiftByOne() {
        // {0,1,2,3} vs {1,2,3,4}: (F_R − F_C)² = 1/16 over [0, 4] → ∫ = 1/4; E = sqrt(2)·1/2 = 0.7071067811865476
        // (by hand; scipy.stats.energy_distance gives the same, SciPy 1.17.1).
        assertThat(ED.distance(NumericSamples.ofSorted(new double[] {0, 1, 2, 3}, new double[] {1, 2, 3, 4})))
                .isCloseTo(Math.sqrt(2) / 2, within(1e-15));
    }

    @Test
    void isNotScaleFree() {
        // Constants 0 vs 2: ∫ = 2 → E = sqrt(2 · 2) = 2; constants 0 vs 1 → sqrt(2).
        assertThat(ED.distance(NumericSamples.clean(new double[] {0}, new double[] {2}))).isCloseTo(2, within(1e-15));
        assertThat(ED.distance(NumericSamples.clean(new double[] {0, 0}, new double[] {1}))).isEqualTo(Math.sqrt(2));
    }

    @Test
    void driftsOnlyStrictlyAboveThreshold() {
        // Constants 0 vs 1: E = sqrt(2) · sqrt(1), exactly Math.sqrt(2).
        TestResult atThreshold = ED.test(NumericSamples.clean(new double[] {0}, new double[] {1}), Math.sqrt(2));
        assertThat(atThreshold.score()).isEqualTo(Math.sqrt(2));
        assertThat(atThreshold.drifted()).isFalse();
        assertThat(ED.test(NumericSamples.clean(new double[] {0}, new double[] {1}), 1.4).drifted()).isTrue();
    }

    @Test
    void refusesCategoriesAndEmptySides() {
        assertThatThrownBy(() -> ED.test(CategoryCounts.ofLabels(new String[] {"a"}, new long[] {1}, new long[] {1})))
                .isInstanceOf(InapplicableTestException.class);
        assertThatThrownBy(() -> ED.test(NumericSamples.clean(new double[0], new double[] {1})))
                .isInstanceOf(InsufficientDataException.class);
    }
}
