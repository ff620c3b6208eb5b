package io.driftwatch.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftwatch.data.Chunks;
import io.driftwatch.stats.InsufficientDataException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CbpeBehaviourTest {
    private static final int N = 2_000;

    private static final class Data {
        final int[] actual = new int[N];
        final int[] predicted = new int[N];
        final double[] probability = new double[N];

        Data(long seed, double power) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < N; i++) {
                double p = r.nextDouble();
                actual[i] = r.nextDouble() < p ? 1 : 0;
                probability[i] = Math.pow(p, power);
                predicted[i] = probability[i] >= 0.5 ? 1 : 0;
            }
        }
    }

    private static List<Chunks.RowChunk> chunks(int n) {
        return Chunks.byCount(n, 5, Chunks.Remainder.KEEP);
    }

    @Test
    void givesIdenticalResultsOnRepeatedRuns() {
        Data ref = new Data(1, 0.5);
        Data ana = new Data(2, 0.5);
        CbpeResult first = Cbpe.withDefaults().fitBinary(ref.actual, ref.predicted, ref.probability, chunks(N))
                .estimate(ana.predicted, ana.probability, ana.actual, chunks(N));
        CbpeResult second = Cbpe.withDefaults().fitBinary(ref.actual, ref.predicted, ref.probability, chunks(N))
                .estimate(ana.predicted, ana.probability, ana.actual, chunks(N));
        assertEquals(first, second);
        assertEquals(Cbpe.DEFAULT_SEED, first.seed());
    }

    @Test
    void averagePrecisionSamplingErrorFollowsTheSeed() {
        Data ref = new Data(1, 1);
        double a = Cbpe.withDefaults().fitBinary(ref.actual, ref.predicted, ref.probability, chunks(N))
                .samplingError(CbpeMetric.AVERAGE_PRECISION, 100);
        double b = Cbpe.withDefaults().withSeed(7).fitBinary(ref.actual, ref.predicted, ref.probability, chunks(N))
                .samplingError(CbpeMetric.AVERAGE_PRECISION, 100);
        assertNotEquals(a, b);
    }

    @Test
    void calibratesAMiscalibratedModelAndRecordsWhy() {
        Data ref = new Data(3, 0.4); // scores far above the true probability
        BinaryCbpe auto = Cbpe.withDefaults().fitBinary(ref.actual, ref.predicted, ref.probability, chunks(N));
        assertTrue(auto.calibration().calibrated());
        assertEquals(CalibrationDecision.Reason.LOWERS_CALIBRATION_ERROR, auto.calibration().reason());
        assertTrue(auto.calibration().eceUncalibrated() > auto.calibration().eceCalibrated());
        BinaryCbpe never = Cbpe.withDefaults().withCalibration(Calibration.NEVER)
                .fitBinary(ref.actual, ref.predicted, ref.probability, chunks(N));
        assertFalse(never.calibration().calibrated());
        assertEquals(CalibrationDecision.Reason.NEVER_ASKED, never.calibration().reason());
        assertEquals(auto.calibration().eceUncalibrated(), never.calibration().eceUncalibrated());
        assertEquals(0.9, never.calibrate(0.9));
        assertTrue(auto.calibrate(0.9) < 0.9);
    }

    /** The "does not lower the error" path is checked against NannyML's formula in EstimateGoldenTest. */
    @Test
    void alwaysCalibratesAndStillRecordsTheCrossValidatedErrors() {
        Data ref = new Data(12, 1);
        BinaryCbpe auto = Cbpe.withDefaults().fitBinary(ref.actual, ref.predicted, ref.probability, chunks(N));
        BinaryCbpe always = Cbpe.withDefaults().withCalibration(Calibration.ALWAYS)
                .fitBinary(ref.actual, ref.predicted, ref.probability, chunks(N));
        assertTrue(always.calibration().calibrated());
        assertEquals(CalibrationDecision.Reason.ALWAYS_ASKED, always.calibration().reason());
        assertEquals(auto.calibration().eceUncalibrated(), always.calibration().eceUncalibrated());
        assertEquals(auto.calibration().eceCalibrated(), always.calibration().eceCalibrated());
    }

    @Test
    void doesNotCalibrateScoresThatSeparateTheClasses() {
        int n = 200;
        int[] actual = new int[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            actual[i] = i % 2;
            p[i] = actual[i] == 1 ? 0.6 + i / 1000.0 : 0.1 + i / 1000.0;
        }
        BinaryCbpe cbpe = Cbpe.withDefaults().fitBinary(actual, actual, p, chunks(n));
        assertEquals(CalibrationDecision.Reason.NEAR_PERFECT_ROC_AUC, cbpe.calibration().reason());
        assertTrue(Double.isNaN(cbpe.calibration().eceCalibrated()));
    }

    @Test
    void showsRealizedOnlyWhereLabelsAreKnown() {
        Data ref = new Data(4, 1);
        Data ana = new Data(5, 1);
        int[] partly = ana.actual.clone();
        for (int i = 0; i < N / 2; i++) {
            partly[i] = Cbpe.UNKNOWN; // the first half's labels have not arrived
        }
        BinaryCbpe cbpe = Cbpe.withDefaults().fitBinary(ref.actual, ref.predicted, ref.probability, chunks(N));
        CbpeResult result = cbpe.estimate(ana.predicted, ana.probability, partly,
                Chunks.byCount(N, 4, Chunks.Remainder.KEEP));
        List<ChunkEstimate> accuracy = result.metric(CbpeMetric.ACCURACY).chunks();
        assertTrue(Double.isNaN(accuracy.get(0).realized()));
        assertEquals(0, accuracy.get(1).labelledRows());
        assertEquals(N / 4, accuracy.get(3).labelledRows());
        assertFalse(Double.isNaN(accuracy.get(3).realized()));
        CbpeResult none = cbpe.estimate(ana.predicted, ana.probability, null, chunks(N));
        assertTrue(Double.isNaN(none.metric(CbpeMetric.F1).chunks().get(0).realized()));
        // the estimate itself does not depend on the labels
        assertEquals(result.metric(CbpeMetric.F1).chunks().get(0).value(),
                cbpe.estimate(ana.predicted, ana.probability, null, Chunks.byCount(N, 4, Chunks.Remainder.KEEP))
                        .metric(CbpeMetric.F1).chunks().get(0).value());
    }

    @Test
    void boundsAreThreeSamplingErrorsClippedToTheMetricsRange() {
        Data ref = new Data(6, 1);
        BinaryCbpe cbpe = Cbpe.withDefaults().fitBinary(ref.actual, ref.predicted, ref.probability, chunks(N));
        ChunkEstimate e = cbpe.estimate(ref.predicted, ref.probability, null, List.of(new Chunks.RowChunk(0, 30)))
                .metric(CbpeMetric.SPECIFICITY).chunks().get(0);
        assertEquals(Math.min(1, e.value() + 3 * e.samplingError()), e.upperConfidence());
        assertEquals(Math.max(0, e.value() - 3 * e.samplingError()), e.lowerConfidence());
        assertEquals(cbpe.samplingError(CbpeMetric.SPECIFICITY, 30), e.samplingError());
        assertEquals(cbpe.samplingError(CbpeMetric.SPECIFICITY, 120) * 2, e.samplingError(), 1e-15);
    }

    @Test
    void alertsWhenTheEstimateLeavesTheReferenceBand() {
        Data ref = new Data(8, 1);
        BinaryCbpe cbpe = Cbpe.withDefaults().withCalibration(Calibration.NEVER)
                .fitBinary(ref.actual, ref.predicted, ref.probability, chunks(N));
        double[] unsure = new double[N];
        java.util.Arrays.fill(unsure, 0.55); // every row a coin flip: accuracy about 0.55
        int[] predicted = new int[N];
        java.util.Arrays.fill(predicted, 1);
        ChunkEstimate e = cbpe.estimate(predicted, unsure, null, chunks(N)).metric(CbpeMetric.ACCURACY).chunks().get(0);
        assertEquals(0.55, e.value(), 1e-12);
        assertTrue(e.alert(), e.toString());
        assertEquals(cbpe.thresholds(CbpeMetric.ACCURACY).lower(), e.lowerThreshold());
    }

    @Test
    void multiclassEstimatesAreMacroOneVersusRestAndDeterministic() {
        int n = 3_000;
        int k = 3;
        SplittableRandom r = new SplittableRandom(9);
        int[] actual = new int[n];
        int[] predicted = new int[n];
        double[][] p = new double[k][n];
        for (int i = 0; i < n; i++) {
            double[] w = {r.nextDouble() + 0.1, r.nextDouble() + 0.1, r.nextDouble() + 0.1};
            double s = w[0] + w[1] + w[2];
            double u = r.nextDouble() * s;
            actual[i] = u < w[0] ? 0 : (u < w[0] + w[1] ? 1 : 2);
            int best = 0;
            for (int c = 0; c < k; c++) {
                p[c][i] = w[c] / s;
                if (p[c][i] > p[best][i]) {
                    best = c;
                }
            }
            predicted[i] = best;
        }
        List<Chunks.RowChunk> chunks = Chunks.byCount(n, 6, Chunks.Remainder.KEEP);
        MulticlassCbpe cbpe = Cbpe.withDefaults().fitMulticlass(actual, predicted, p, chunks);
        CbpeResult a = cbpe.estimate(predicted, p, actual, chunks);
        CbpeResult b = Cbpe.withDefaults().fitMulticlass(actual, predicted, p, chunks).estimate(predicted, p, actual,
                chunks);
        assertEquals(a, b);
        assertEquals(3, a.calibration().size());
        assertTrue(a.expectedConfusion().isEmpty());
        for (ChunkEstimate e : a.metric(CbpeMetric.ACCURACY).chunks()) {
            assertEquals(e.realized(), e.value(), 0.05, e.toString());
        }
    }

    @Test
    void rejectsProbabilitiesOutsideZeroToOne() {
        Data ref = new Data(1, 1);
        ref.probability[17] = 1.2;
        InvalidModelOutputException e = assertThrows(InvalidModelOutputException.class,
                () -> Cbpe.withDefaults().fitBinary(ref.actual, ref.predicted, ref.probability, chunks(N)));
        assertEquals("reference: probability at row 17 is 1.2, outside [0, 1]", e.getMessage());
    }

    @Test
    void rejectsAMissingProbabilityInTheBatch() {
        Data ref = new Data(1, 1);
        BinaryCbpe cbpe = Cbpe.withDefaults().fitBinary(ref.actual, ref.predicted, ref.probability, chunks(N));
        double[] p = ref.probability.clone();
        p[3] = Double.NaN;
        InvalidModelOutputException e = assertThrows(InvalidModelOutputException.class,
                () -> cbpe.estimate(ref.predicted, p, null, chunks(N)));
        assertEquals("analysis: probability at row 3 is missing (NaN); CBPE needs a probability for every row",
                e.getMessage());
    }

    @Test
    void rejectsAMissingReferenceLabelAndAnUnknownClassCode() {
        Data ref = new Data(1, 1);
        ref.actual[5] = Cbpe.UNKNOWN;
        InvalidModelOutputException missing = assertThrows(InvalidModelOutputException.class,
                () -> Cbpe.withDefaults().fitBinary(ref.actual, ref.predicted, ref.probability, chunks(N)));
        assertEquals("reference: label at row 5 is missing; every row needs one here", missing.getMessage());
        ref.actual[5] = 0;
        ref.predicted[9] = 2;
        InvalidModelOutputException code = assertThrows(InvalidModelOutputException.class,
                () -> Cbpe.withDefaults().fitBinary(ref.actual, ref.predicted, ref.probability, chunks(N)));
        assertEquals("reference: predicted label at row 9 is class code 2, not one of the 2 classes (codes 0..1)",
                code.getMessage());
    }

    @Test
    void rejectsArraysOfDifferentLengths() {
        Data ref = new Data(1, 1);
        InvalidModelOutputException e = assertThrows(InvalidModelOutputException.class,
                () -> Cbpe.withDefaults().fitBinary(ref.actual, ref.predicted, new double[N - 1], chunks(N)));
        assertEquals("reference: probabilities has 1999 rows but the labels has 2000", e.getMessage());
    }

    @Test
    void rejectsAMulticlassReferenceWithoutSomeClass() {
        int n = 300;
        int[] actual = new int[n];
        double[][] p = new double[3][n];
        for (int i = 0; i < n; i++) {
            actual[i] = i % 2; // class 2 never occurs
            p[0][i] = 0.5;
            p[1][i] = 0.3;
            p[2][i] = 0.2;
        }
        InsufficientDataException e = assertThrows(InsufficientDataException.class,
                () -> Cbpe.withDefaults().fitMulticlass(actual, actual, p, chunks(n)));
        assertTrue(e.getMessage().startsWith("reference: no row is labelled class 2 (of 3 classes"), e.getMessage());
    }

    @Test
    void explainsWhyAutoCalibrationCannotRunOnATinyReference() {
        int[] actual = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        double[] p = {0.5, 0.2, 0.3, 0.1, 0.4, 0.6, 0.2, 0.3, 0.5, 0.7};
        InsufficientDataException e = assertThrows(InsufficientDataException.class,
                () -> Cbpe.withDefaults().fitBinary(actual, actual, p, chunks(10)));
        assertTrue(e.getMessage().startsWith("cannot decide whether to calibrate the probabilities (calibrate: auto): "
                + "the least populated class has only 1 row"), e.getMessage());
        BinaryCbpe never = Cbpe.withDefaults().withCalibration(Calibration.NEVER).fitBinary(actual, actual, p, chunks(10));
        assertTrue(Double.isNaN(never.calibration().eceUncalibrated()));
    }

    @Test
    void rejectsChunksOutsideTheBatch() {
        Data ref = new Data(1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cbpe.withDefaults().fitBinary(ref.actual, ref.predicted, ref.probability,
                        List.of(new Chunks.RowChunk(0, N + 1))));
        assertEquals("reference: chunk 0 ends at row 2001 but there are only 2000 rows", e.getMessage());
    }
}
