package io.driftwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricConditionTest {

    @Test
    void aReferenceBoundIsTheReferenceValueWithinItsTolerance() {
        MetricCondition within20 = MetricCondition.reference(MetricCondition.Op.EQ, 0.91, 0.2);
        assertThat(within20.tolerance()).isEqualTo(0.91 * 0.2);
        assertThat(within20.holds(0.73)).isTrue();
        assertThat(within20.holds(1.0)).isTrue();
        assertThat(within20.holds(1.1)).as("an improvement beyond the band fails, as in Evidently").isFalse();
        assertThat(within20.holds(Double.NaN)).isFalse();
    }

    @Test
    void aZeroReferenceLeavesOnlyTheAbsoluteTolerance() {
        MetricCondition zero = MetricCondition.reference(MetricCondition.Op.EQ, 0, 0.1);
        assertThat(zero.tolerance()).isEqualTo(1e-12);
        assertThat(zero.holds(0)).isTrue();
        assertThat(zero.holds(1)).isFalse();
    }

    @Test
    void strictOperatorsMoveTheBoundByTheTolerance() {
        MetricCondition lte = MetricCondition.reference(MetricCondition.Op.LTE, 3);
        assertThat(lte.holds(3.000002)).isTrue();
        assertThat(lte.holds(3.00001)).isFalse();
        assertThat(MetricCondition.reference(MetricCondition.Op.LT, 3).holds(3)).isFalse();
        assertThat(MetricCondition.reference(MetricCondition.Op.GT, 3).holds(3.1)).isTrue();
        assertThat(MetricCondition.reference(MetricCondition.Op.GTE, 3).holds(2.999999)).isTrue();
        assertThat(MetricCondition.constant(MetricCondition.Op.GT, 0).holds(0)).isFalse();
        assertThat(MetricCondition.constant(MetricCondition.Op.EQ, 0).holds(0)).isTrue();
    }

    @Test
    void describesTheConditionCompactly() {
        assertThat(MetricCondition.reference(MetricCondition.Op.EQ, 3, 0.1).describe()).isEqualTo("eq 3 ± 0.3");
        assertThat(MetricCondition.reference(MetricCondition.Op.LTE, 3).describe()).isEqualTo("lte 3 ± 3e-06");
        assertThat(MetricCondition.reference(MetricCondition.Op.EQ, 0.91, 0.2).describe()).isEqualTo("eq 0.91 ± 0.182");
        assertThat(MetricCondition.constant(MetricCondition.Op.GT, 0).describe()).isEqualTo("gt 0");
        assertThat(MetricCondition.constant(MetricCondition.Op.LT, 0.6931471805599453).describe())
                .isEqualTo("lt 0.6931");
    }
}
