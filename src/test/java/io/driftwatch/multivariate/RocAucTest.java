package io.driftwatch.multivariate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RocAucTest {

    /** scikit-learn 1.2.1: {@code roc_auc_score([0,0,1,1,0,1,0,1], [0.1,0.4,0.35,0.8,0.4,0.4,0.2,0.9])} = 0.8125 (ties counted half). */
    @Test
    void matchesScikitLearnWithTiedScores() {
        double auc = RocAuc.of(new double[] {0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.2, 0.9}, new int[] {0, 0, 1, 1, 0, 1, 0, 1});
        assertThat(auc).isCloseTo(0.8125, within(1e-15));
    }

    @Test
    void isOneWhenScoresSeparateTheClassesAndHalfWhenTheyCannot() {
        assertThat(RocAuc.of(new double[] {1, 2, 3, 4}, new int[] {0, 0, 1, 1})).isEqualTo(1.0);
        assertThat(RocAuc.of(new double[] {1, 1, 1, 1}, new int[] {0, 1, 0, 1})).isEqualTo(0.5);
        assertThat(RocAuc.of(new double[] {Double.NEGATIVE_INFINITY, 0, Double.POSITIVE_INFINITY}, new int[] {0, 1, 1}))
                .isEqualTo(1.0);
    }

    @Test
    void isHalfWhenOneClassIsAbsent() {
        assertThat(RocAuc.of(new double[] {1, 2, 3}, new int[] {1, 1, 1})).isEqualTo(0.5);
    }
}
