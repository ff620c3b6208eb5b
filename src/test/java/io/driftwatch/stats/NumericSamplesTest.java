package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumericSamplesTest {
    private static final double[] REFERENCE = {1, 1, 2, 4, 4, 7};
    private static final double[] CURRENT = {0, 2, 3, 4, 7, 7, 9};

    @Test
    void countsTheDistinctValuesOfBothSidesTogether() {
        // 0 1 2 3 4 7 9
        assertThat(NumericSamples.countDistinctUnion(REFERENCE, CURRENT)).isEqualTo(7);
        assertThat(NumericSamples.countDistinctUnion(REFERENCE, new double[0])).isEqualTo(4);
        assertThat(NumericSamples.countDistinctUnion(new double[0], new double[0])).isZero();
    }

    @Test
    void stopsCountingDistinctValuesAtTheLimit() {
        assertThat(NumericSamples.countDistinctUnion(REFERENCE, CURRENT, 6)).isEqualTo(6);
        assertThat(NumericSamples.countDistinctUnion(REFERENCE, CURRENT, 7)).isEqualTo(7);
        assertThat(NumericSamples.countDistinctUnion(REFERENCE, CURRENT, 100)).isEqualTo(7);
        assertThat(NumericSamples.countDistinctUnion(new double[] {5, 5}, new double[] {5}, 6)).isEqualTo(1);
    }
}
