package io.driftwatch.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The standard errors behind the degradation tests: the closed forms against their definitions
 * (Agresti–Caffo, DeLong's placements counted pair by pair), and the delta-method variances against
 * the variance of the metric over many simulated batches (within 12 %: 3,000 batches estimate a
 * variance to about ±2.6 %, one standard error).
 */
class SamplingVarianceTest {
    private static final int BATCHES = 3_000;

    @Test
    void aProportionsVarianceAddsOneSuccessAndOneFailure() {
        assertThat(SamplingVariance.ofProportion(9, 10)).isCloseTo(10.0 / 12 * 2.0 / 12 / 12, within(1e-15));
        // 100 % right keeps a variance; no trial at all is p̃ = ½ over 2
        assertThat(SamplingVariance.ofProportion(50, 50)).isCloseTo(51.0 / 52 / 52 / 52, within(1e-15));
        assertThat(SamplingVariance.ofProportion(0, 0)).isEqualTo(0.125);
    }

    @Test
    void deLongsVarianceEqualsItsPlacementsCountedPairByPair() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            int np = 1 + random.nextInt(60);
            int nn = 1 + random.nextInt(60);
            double[] pos = new double[np];
            double[] neg = new double[nn];
            for (int i = 0; i < np; i++) {
                pos[i] = random.nextInt(12) / 10.0 + 0.3; // coarse: many ties
            }
            for (int j = 0; j < nn; j++) {
                neg[j] = random.nextInt(12) / 10.0;
            }
            Arrays.sort(pos);
            Arrays.sort(neg);
            double[] v10 = new double[np];
            double[] v01 = new double[nn];
            for (int i = 0; i < np; i++) {
                for (int j = 0; j < nn; j++) {
                    double psi = pos[i] > neg[j] ? 1 : pos[i] == neg[j] ? 0.5 : 0;
                    v10[i] += psi / nn;
                    v01[j] += psi / np;
                }
            }
            double auc = RocAuc.ofSorted(pos, np, neg, nn);
            double expected = sampleVariance(v10, auc) / np + sampleVariance(v01, auc) / nn;
            assertThat(SamplingVariance.ofRocAuc(pos, np, neg, nn, auc)).as("trial %d", trial)
                    .isCloseTo(expected, within(1e-12));
        }
        assertThat(SamplingVariance.ofRocAuc(new double[0], 0, new double[] {1}, 1, Double.NaN)).isNaN();
    }

    private static double sampleVariance(double[] x, double mean) {
        if (x.length < 2) {
            return 0;
        }
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }

    @Test
    void binaryF1sDeltaVarianceMatchesItsSpreadOverSimulatedBatches() {
        // classes {0, 1}, pos = 1: TN 0.45, FP 0.10, FN 0.15, TP 0.30
        double[] shares = {0.45, 0.10, 0.15, 0.30};
        checkConfusion(shares, 2, SamplingVariance.ConfusionStatistic.F1_OF_CLASS, 1, 1_000);
    }

    @Test
    void macroPrecisionRecallAndF1DeltaVariancesMatchTheirSpreadOverSimulatedBatches() {
        double[] shares = {
            0.30, 0.05, 0.05,
            0.04, 0.20, 0.06,
            0.02, 0.08, 0.20};
        for (SamplingVariance.ConfusionStatistic s : new SamplingVariance.ConfusionStatistic[] {
                SamplingVariance.ConfusionStatistic.MACRO_PRECISION, SamplingVariance.ConfusionStatistic.MACRO_RECALL,
                SamplingVariance.ConfusionStatistic.MACRO_F1}) {
            checkConfusion(shares, 3, s, 0, 1_000);
        }
    }

    /** The delta variance at the true shares against the variance of the statistic over simulated batches of {@code n}. */
    private static void checkConfusion(double[] shares, int k, SamplingVariance.ConfusionStatistic statistic, int focus,
            int n) {
        long[] expected = new long[k * k];
        for (int c = 0; c < k * k; c++) {
            expected[c] = Math.round(shares[c] * n);
        }
        double delta = SamplingVariance.ofConfusion(expected, k, statistic, focus);
        SplittableRandom random = new SplittableRandom(statistic.ordinal() + 17);
        double[] values = new double[BATCHES];
        int[] truth = new int[n];
        int[] predicted = new int[n];
        int[] classes = new int[k];
        for (int c = 0; c < k; c++) {
            classes[c] = c;
        }
        for (int b = 0; b < BATCHES; b++) {
            for (int i = 0; i < n; i++) {
                double u = random.nextDouble();
                int cell = 0;
                for (double cumulative = shares[0]; u >= cumulative && cell < k * k - 1; ) {
                    cell++;
                    cumulative += shares[cell];
                }
                truth[i] = cell / k;
                predicted[i] = cell % k;
            }
            Tally tally = Tally.of(truth, predicted, n, k);
            values[b] = switch (statistic) {
                case F1_OF_CLASS -> Tally.f1(tally.precision(focus), tally.recall(focus));
                case MACRO_PRECISION -> tally.macro(classes)[0];
                case MACRO_RECALL -> tally.macro(classes)[1];
                case MACRO_F1 -> tally.macro(classes)[2];
            };
        }
        double simulated = sampleVariance(values, mean(values));
        assertThat(delta).as(statistic.name()).isCloseTo(simulated, within(0.12 * simulated));
    }

    @Test
    void rmseAndR2DeltaVariancesMatchTheirSpreadOverSimulatedBatches() {
        int n = 400;
        SplittableRandom random = new SplittableRandom(9);
        double[] rmse = new double[BATCHES];
        double[] r2 = new double[BATCHES];
        double rmseDelta = 0;
        double r2Delta = 0;
        double[] squared = new double[n];
        double[] deviation = new double[n];
        double[] y = new double[n];
        for (int b = 0; b < BATCHES; b++) {
            double sumY = 0;
            for (int i = 0; i < n; i++) {
                y[i] = 2 * gaussian(random);
                double e = gaussian(random) + 0.3 * y[i] * gaussian(random); // heteroscedastic errors
                squared[i] = e * e;
                sumY += y[i];
            }
            double meanY = sumY / n;
            double sse = 0;
            double sst = 0;
            for (int i = 0; i < n; i++) {
                deviation[i] = (y[i] - meanY) * (y[i] - meanY);
                sse += squared[i];
                sst += deviation[i];
            }
            rmse[b] = Math.sqrt(sse / n);
            r2[b] = 1 - sse / sst;
            rmseDelta += SamplingVariance.ofRmse(squared, n) / BATCHES;
            r2Delta += SamplingVariance.ofR2(squared, deviation, n) / BATCHES;
        }
        double rmseSimulated = sampleVariance(rmse, mean(rmse));
        double r2Simulated = sampleVariance(r2, mean(r2));
        assertThat(rmseDelta).isCloseTo(rmseSimulated, within(0.12 * rmseSimulated));
        assertThat(r2Delta).isCloseTo(r2Simulated, within(0.12 * r2Simulated));
    }

    @Test
    void aMeansVarianceIsTheSampleVarianceOverTheCount() {
        double[] x = {1, 2, 3, 4};
        assertThat(SamplingVariance.ofMean(x, 4, 2.5)).isCloseTo((2.25 + 0.25 + 0.25 + 2.25) / 3 / 4, within(1e-15));
        assertThat(SamplingVariance.ofMean(x, 1, 1)).isNaN();
        // a perfect side: no error at all, no spread (and a single row, none to estimate)
        assertThat(SamplingVariance.ofRmse(new double[] {0, 0, 0}, 3)).isZero();
        assertThat(SamplingVariance.ofRmse(new double[] {4}, 1)).isNaN();
        assertThat(SamplingVariance.ofR2(new double[] {1, 1}, new double[] {0, 0}, 2)).isNaN();
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
