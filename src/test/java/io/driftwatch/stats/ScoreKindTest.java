package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

/** The one drift strength every view ranks and shades by: 1 at the threshold, larger is more drift. */
class ScoreKindTest {

    @Test
    void pValuesAreMeasuredOnALogScale() {
        assertThat(ScoreKind.P_VALUE.strength(0.05, 0.05)).isCloseTo(1, offset(1e-12));
        assertThat(ScoreKind.P_VALUE.strength(0.0025, 0.05)).as("p = t² is twice the threshold").isCloseTo(2,
                offset(1e-12));
        assertThat(ScoreKind.P_VALUE.strength(1e-12, 0.05)).isCloseTo(Math.log(1e-12) / Math.log(0.05),
                offset(1e-12));
        assertThat(ScoreKind.P_VALUE.strength(0.5, 0.05)).isBetween(0.0, 1.0);
    }

    @Test
    void aSmallerPValueIsStrongerDrift() {
        assertThat(ScoreKind.P_VALUE.strength(1e-9, 0.05)).isGreaterThan(ScoreKind.P_VALUE.strength(0.04, 0.05));
        assertThat(ScoreKind.P_VALUE.strength(0.04, 0.05)).isGreaterThan(ScoreKind.P_VALUE.strength(0.06, 0.05));
    }

    @Test
    void pValueEdges() {
        assertThat(ScoreKind.P_VALUE.strength(0, 0.05)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ScoreKind.P_VALUE.strength(Double.NaN, 0.05)).isNaN();
        assertThat(ScoreKind.P_VALUE.strength(1, 0.05)).as("no evidence is 0, not -0").isEqualTo(0.0)
                .isEqualTo(ScoreKind.DISTANCE.strength(0, 0.1));
        assertThat(Double.compare(ScoreKind.P_VALUE.strength(1, 0.05), 0.0)).isZero();
        // Outside (0, 1) the log scale breaks (log 1 = 0); such a threshold is measured as 0.05.
        assertThat(ScoreKind.P_VALUE.strength(0.0025, 1)).isCloseTo(2, offset(1e-12));
        assertThat(ScoreKind.P_VALUE.strength(0.0025, 0)).isCloseTo(2, offset(1e-12));
    }

    @Test
    void distancesAreMeasuredAsARatioAndALargerOneIsWorse() {
        assertThat(ScoreKind.DISTANCE.strength(0.1, 0.1)).isCloseTo(1, offset(1e-12));
        assertThat(ScoreKind.DISTANCE.strength(2.0, 0.1)).isCloseTo(20, offset(1e-12));
        assertThat(ScoreKind.DISTANCE.strength(0.35, 0.1)).isGreaterThan(ScoreKind.DISTANCE.strength(0.11, 0.1));
        assertThat(ScoreKind.DISTANCE.strength(0.3, 0)).as("no threshold: the distance itself").isEqualTo(0.3);
        assertThat(ScoreKind.DISTANCE.strength(Double.NaN, 0.1)).isNaN();
    }
}
