package io.driftwatch.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IndexSortTest {
    @Test
    void ordersLikeAStableSortWithTiesInRowOrderAtEverySize() {
        SplittableRandom r = new SplittableRandom(1);
        for (int n : new int[] {0, 1, 7, 255, 256, 1_000, 50_000}) {
            double[] keys = new double[n];
            for (int i = 0; i < n; i++) {
                double u = r.nextDouble();
                // ties (rounded), negatives, both zeros, wide magnitudes
                keys[i] = u < 0.3 ? Math.round(u * 40) / 40.0 : (u < 0.4 ? -r.nextDouble() * 1e6
                        : (u < 0.45 ? (r.nextBoolean() ? 0.0 : -0.0) : r.nextDouble() * Math.pow(10, r.nextInt(-300, 300))));
            }
            Integer[] expected = new Integer[n];
            for (int i = 0; i < n; i++) {
                expected[i] = i;
            }
            Arrays.sort(expected, Comparator.comparingDouble(i -> keys[i] + 0.0)); // stable; -0.0 == 0.0
            int[] want = new int[n];
            for (int i = 0; i < n; i++) {
                want[i] = expected[i];
            }
            assertArrayEquals(want, IndexSort.ascending(keys, n), "n = " + n);
        }
    }
}
