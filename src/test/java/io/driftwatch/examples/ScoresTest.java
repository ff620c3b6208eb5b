package io.driftwatch.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The README figures' metrics, on cases worked by hand (the values scikit-learn 1.5 gives for them). */
class ScoresTest {

    @Test
    void binaryScoresCountATiedPairAsOneHalfInRocAuc() {
        // pairs (positive, negative): 0.9>0.1, 0.9>0.4, 0.4>0.1, 0.4=0.4 -> 3.5 / 4
        BinaryScores s = BinaryScores.of(new boolean[] {true, false, true, false},
                new boolean[] {true, false, false, true}, new double[] {0.9, 0.1, 0.4, 0.4});

        assertThat(s.rocAuc()).isEqualTo(0.875);
        assertThat(s.accuracy()).isEqualTo(0.5);
        assertThat(s.precision()).isEqualTo(0.5);
        assertThat(s.recall()).isEqualTo(0.5);
        assertThat(s.f1()).isEqualTo(0.5);
        assertThat(s.positiveRate()).isEqualTo(0.5);
    }

    @Test
    void binaryScoresGiveZeroPrecisionAndF1WhenNothingIsPredictedPositive() {
        BinaryScores s = BinaryScores.of(new boolean[] {true, false, false}, new boolean[3],
                new double[] {0.3, 0.2, 0.1});

        assertThat(s.precision()).isZero();
        assertThat(s.f1()).isZero();
        assertThat(s.accuracy()).isEqualTo(2.0 / 3);
        assertThat(s.rocAuc()).isEqualTo(1.0);
    }

    @Test
    void binaryScoresRefuseABatchWithOneClass() {
        assertThatThrownBy(() -> BinaryScores.of(new boolean[] {false, false}, new boolean[2], new double[2]))
                .hasMessage("ROC AUC needs both classes; the batch has 0 positives and 2 negatives");
    }

    @Test
    void regressionScoresFollowScikitLearn() {
        // errors 1, 0, 2: MAE 1, RMSE sqrt(5/3); truth mean 2, squared deviations 2 -> R2 = 1 - 5/2
        RegressionScores s = RegressionScores.of(new double[] {1, 2, 3}, new double[] {2, 2, 5});

        assertThat(s.mae()).isEqualTo(1.0);
        assertThat(s.rmse()).isCloseTo(Math.sqrt(5.0 / 3), within(1e-15));
        assertThat(s.r2()).isEqualTo(-1.5);
        assertThat(s.meanTarget()).isEqualTo(2.0);
        assertThat(s.meanPrediction()).isEqualTo(3.0);
    }
}
