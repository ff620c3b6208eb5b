package io.driftwatch.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DoubleRadixSortTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10, 4095, 4096, 100_000})
    void sortsExactlyAsArraysSort(int n) {
        Random random = new Random(n);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = switch (i % 7) {
                case 0 -> random.nextGaussian() * 1e6;
                case 1 -> -random.nextDouble();
                case 2 -> 0.0;
                case 3 -> -0.0;
                case 4 -> random.nextInt(5);
                case 5 -> random.nextBoolean() ? Double.MAX_VALUE : -Double.MIN_VALUE;
                default -> random.nextDouble() * 1e-300;
            };
        }
        double[] expected = values.clone();
        Arrays.sort(expected);
        DoubleRadixSort.sort(values, n);
        // Arrays.equals on doubles compares bits: -0.0 must come before 0.0, as Arrays.sort puts it.
        assertThat(Arrays.equals(values, expected)).as("radix order equals Arrays.sort order bit for bit").isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {5000, 50_000})
    void sortsNarrowRangesWhereHighDigitsAreConstant(int n) {
        Random random = new Random(3);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 1.0 + random.nextDouble() * 1e-3;
        }
        double[] expected = values.clone();
        Arrays.sort(expected);
        DoubleRadixSort.sort(values, n);
        assertThat(Arrays.equals(values, expected)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {4096, 4097, 77_777, DoubleRadixSort.PARALLEL_THRESHOLD + 1})
    void sortsHalvesInParallelAndMergesExactlyAsArraysSort(int n) {
        Random random = new Random(n);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            // Ties and signed zeros straddle the two halves; the second half is shifted up a little.
            values[i] = switch (i % 5) {
                case 0 -> 0.0;
                case 1 -> -0.0;
                case 2 -> random.nextInt(3) - 1;
                default -> random.nextGaussian() + (i < n / 2 ? 0 : 0.5);
            };
        }
        double[] expected = values.clone();
        Arrays.sort(expected);
        DoubleRadixSort.sort(values, n, true);
        assertThat(Arrays.equals(values, expected)).as("parallel radix order equals Arrays.sort bit for bit").isTrue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sortsWhenOneHalfIsConstant(boolean parallel) {
        int n = 10_000;
        double[] values = new double[n];
        Random random = new Random(5);
        for (int i = 0; i < n; i++) {
            values[i] = i < n / 2 ? -0.0 : random.nextDouble() - 0.5;
        }
        double[] expected = values.clone();
        Arrays.sort(expected);
        DoubleRadixSort.sort(values, n, parallel);
        assertThat(Arrays.equals(values, expected)).isTrue();
    }

    /** The key arrays a thread keeps between sorts may be longer than the next sort needs, or in use. */
    @Test
    void sortsAfterLargerAndSmallerSortsOnTheSameThreadAndOnOthers() {
        Random random = new Random(17);
        int[] lengths = {300_000, 5_000, 300_000, 70_000, 1 << 18, 4_100, 300_001};
        for (int n : lengths) {
            for (boolean parallel : new boolean[] {false, true}) {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = random.nextGaussian() * 1e3;
                }
                double[] expected = values.clone();
                Arrays.sort(expected);
                DoubleRadixSort.sort(values, n, parallel);
                assertThat(values).as("n=%d parallel=%s", n, parallel).isEqualTo(expected);
            }
        }
        // sorts on several threads at once, each with its own kept arrays
        CompletableFuture<?>[] sorts = new CompletableFuture<?>[4];
        for (int t = 0; t < sorts.length; t++) {
            int seed = t;
            sorts[t] = CompletableFuture.runAsync(() -> {
                Random r = new Random(seed);
                for (int k = 0; k < 5; k++) {
                    int n = 200_000 + r.nextInt(100_000);
                    double[] values = r.doubles(n).toArray();
                    double[] expected = values.clone();
                    Arrays.sort(expected);
                    DoubleRadixSort.sort(values, n);
                    assertThat(values).isEqualTo(expected);
                }
            });
        }
        CompletableFuture.allOf(sorts).join();
    }

    /**
     * The first split merges neighbouring bins into buckets; bins alternating between one value and
     * a bucket's worth each make a bucket of every bin, the most buckets there can be.
     */
    @ParameterizedTest
    @ValueSource(ints = {4096, 65_535, 66_559, DoubleRadixSort.PARALLEL_THRESHOLD + 1023})
    void sortsWhenEveryBinOfTheFirstSplitIsABucketOfItsOwn(int n) {
        int target = Math.max(64, n >> 10);
        Random random = new Random(n);
        double[] values = new double[n];
        int i = 0;
        // values in [1, 2), from 1 itself to the largest below 2: the first split's bins are then the
        // 16 leading bits of the mantissa
        for (int bin = 0; i < n - 2; bin++) {
            int inBin = bin % 2 == 0 ? 1 : target;
            for (int k = 0; k < inBin && i < n - 2; k++) {
                values[i++] = 1.0 + (bin + random.nextDouble()) / 65_536;
            }
        }
        values[n - 2] = 1.0;
        values[n - 1] = Math.nextDown(2.0);
        shuffle(values, random);
        assertSortedAsArraysSort(values, false);
        assertSortedAsArraysSort(values, true);
    }

    /** Keys that differ only in their last bits, crowded into one bucket, are split again and again. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sortsValuesCrowdedIntoOneBucketByTheirLastBits(boolean parallel) {
        int n = DoubleRadixSort.PARALLEL_THRESHOLD + 5;
        Random random = new Random(11);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = switch (i % 4) {
                case 0 -> 1.0 + Math.ulp(1.0) * random.nextInt(100_000); // one bucket, last 17 bits
                case 1 -> 1.0 + Math.ulp(1.0) * random.nextInt(20); // a few values, many ties
                case 2 -> random.nextGaussian() * 1e9;
                default -> -random.nextDouble();
            };
        }
        assertSortedAsArraysSort(values, parallel);
    }

    /**
     * Values of both signs around a few units, with ten significant digits as pandas writes them: the
     * first split's bins are mostly sign and exponent, so a few buckets hold tens of thousands of
     * values each and are split again into up to 64 K places.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sortsSignedDataCrowdedIntoAFewExponents(boolean parallel) {
        int n = 300_000;
        Random random = new Random(19);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Double.parseDouble(String.format(Locale.ROOT, "%.10g", 2 + 3 * random.nextGaussian()));
        }
        assertSortedAsArraysSort(values, parallel);
    }

    /** More than half the values in the first bucket: the second thread has no buckets to sort. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sortsWhenOneBucketHoldsMostValues(boolean parallel) {
        int n = DoubleRadixSort.PARALLEL_THRESHOLD * 2;
        Random random = new Random(13);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i % 3 == 0 ? random.nextDouble() * 1e6 : -5.0;
        }
        assertSortedAsArraysSort(values, parallel);
    }

    /**
     * A bucket of many distinct values is split in a scratch array as large as it, which the thread's
     * kept one, from a sort of small buckets just before, is not.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sortsABucketOfManyDistinctValuesAfterASortOfSmallBuckets(boolean parallel) {
        int n = DoubleRadixSort.PARALLEL_THRESHOLD * 2;
        Random random = new Random(19);
        assertSortedAsArraysSort(random.doubles(n).toArray(), parallel);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            // two thirds within a billionth of -5: one bin of the first split, and about 350,000 distinct values
            values[i] = i % 3 == 0 ? random.nextDouble() * 1e6 : -5.0 - random.nextDouble() * 1e-9;
        }
        assertSortedAsArraysSort(values, parallel);
    }

    private static void assertSortedAsArraysSort(double[] input, boolean parallel) {
        double[] values = input.clone();
        double[] expected = input.clone();
        Arrays.sort(expected);
        DoubleRadixSort.sort(values, values.length, parallel);
        assertThat(Arrays.equals(values, expected)).as("n=%d parallel=%s: radix order equals Arrays.sort order",
                values.length, parallel).isTrue();
    }

    private static void shuffle(double[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
