package io.driftwatch.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RocAucTest {

    @Test
    void countsATiedPositiveAndNegativeAsOneHalf() {
        // pairs (pos, neg): (0.5, 0.5) tie = 1/2, (0.5, 0.1) = 1, (0.2, 0.5) = 0, (0.2, 0.1) = 1 -> 2.5 / 4
        double[] pos = {0.2, 0.5};
        double[] neg = {0.1, 0.5};
        assertThat(RocAuc.ofSorted(pos, 2, neg, 2)).isEqualTo(0.625);
        assertThat(RocAuc.ofSorted(new double[] {0.5}, 1, new double[] {0.5}, 1)).isEqualTo(0.5);
    }

    @Test
    void treatsNegativeAndPositiveZeroAsOneScore() {
        assertThat(RocAuc.ofSorted(new double[] {0.0}, 1, new double[] {-0.0}, 1)).isEqualTo(0.5);
    }

    @Test
    void isUndefinedWithoutPositivesOrWithoutNegatives() {
        assertThat(RocAuc.ofSorted(new double[0], 0, new double[] {0.3}, 1)).isNaN();
        assertThat(RocAuc.ofSorted(new double[] {0.3}, 1, new double[0], 0)).isNaN();
    }

    @Test
    void equalsPairwiseCountingOnScoresWithManyTies() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 3000;
        double[] scores = new double[n];
        int[] truth = new int[n];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            scores[i] = Math.rint(random.nextDouble() * 50) / 50; // 51 distinct scores: ties everywhere
            truth[i] = random.nextDouble() < scores[i] ? 1 : 0;
            positives += truth[i];
        }
        double auc = RocAuc.ofColumn(scores, truth, n, 1, positives, new double[n], new double[n]);
        assertThat(auc).isEqualTo(pairwise(scores, truth, n, 1));
    }

    @Test
    void complementReadBackwardsEqualsSortingTheComplement() {
        // close scores whose complements 1 - x round to the same double: new ties the merge must see
        double[] pos = {0.1, Math.nextUp(0.1), 0.3, Math.nextUp(Math.nextUp(0.1)), 0.7};
        double[] neg = {Math.nextUp(Math.nextUp(Math.nextUp(0.1))), 0.2, 0.7, 0.05};
        Arrays.sort(pos);
        Arrays.sort(neg);
        assertThat(1.0 - pos[0]).isEqualTo(1.0 - pos[1]); // the premise: the complement merges them
        double[] cpos = new double[neg.length];
        double[] cneg = new double[pos.length];
        for (int i = 0; i < neg.length; i++) {
            cpos[i] = 1.0 - neg[i];
        }
        for (int i = 0; i < pos.length; i++) {
            cneg[i] = 1.0 - pos[i];
        }
        Arrays.sort(cpos);
        Arrays.sort(cneg);
        // the complement column's positives are the column's negatives
        assertThat(RocAuc.ofComplementOfSorted(neg, neg.length, pos, pos.length))
                .isEqualTo(RocAuc.ofSorted(cpos, cpos.length, cneg, cneg.length));
    }

    private static double pairwise(double[] scores, int[] truth, int n, int code) {
        long twice = 0;
        long np = 0;
        long nn = 0;
        for (int i = 0; i < n; i++) {
            if (truth[i] == code) {
                np++;
            } else {
                nn++;
            }
        }
        for (int i = 0; i < n; i++) {
            if (truth[i] != code) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                if (truth[j] == code) {
                    continue;
                }
                twice += scores[i] > scores[j] ? 2 : scores[i] == scores[j] ? 1 : 0;
            }
        }
        return twice / (2.0 * np * nn);
    }
}
