package io.driftwatch.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Chunks;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Table;
import io.driftwatch.io.Datasets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * CBPE's estimates against the realized metrics: on simulated data from a well-calibrated model
 * under covariate shift that changes its performance, and on the adult example's batches.
 */
class CbpeAccuracyTest {
    private static final int CHUNK = 5_000;

    /**
     * A logistic model {@code P(y=1|x) = σ(−0.5 + 2·x1 − 1.5·x2)} that outputs exactly that
     * probability (well calibrated), labels drawn from it; the reference has x1, x2 ~ N(0, 1), the
     * 24 analysis chunks move the mean onto the decision boundary, (0.25, 0), and shrink the spread
     * from 1 to 0.43, so more and more rows lie where the model is unsure and accuracy falls chunk by
     * chunk (from about 0.82 to about 0.7).
     */
    @Test
    void estimatesEachShiftedChunkWithinTwoPointsOfAccuracyAndThreeOfF1AndRocAuc() {
        SplittableRandom random = new SplittableRandom(20261206);
        Simulated reference = simulate(random, 10, c -> 0.0);
        Simulated analysis = simulate(random, 24, c -> c / 23.0);
        BinaryCbpe cbpe = Cbpe.withDefaults().fitBinary(reference.actual, reference.predicted, reference.probability,
                Chunks.byRows(reference.actual.length, CHUNK, Chunks.Remainder.KEEP));
        CbpeResult result = cbpe.estimate(analysis.predicted, analysis.probability, analysis.actual,
                Chunks.byRows(analysis.actual.length, CHUNK, Chunks.Remainder.KEEP));
        List<ChunkEstimate> accuracy = result.metric(CbpeMetric.ACCURACY).chunks();
        assertEquals(24, accuracy.size());
        double lowest = 1;
        double highest = 0;
        for (int c = 0; c < accuracy.size(); c++) {
            ChunkEstimate a = accuracy.get(c);
            assertEquals(a.realized(), a.value(), 0.02, "chunk " + c + " accuracy");
            ChunkEstimate f1 = result.metric(CbpeMetric.F1).chunks().get(c);
            assertEquals(f1.realized(), f1.value(), 0.03, "chunk " + c + " F1");
            ChunkEstimate auc = result.metric(CbpeMetric.ROC_AUC).chunks().get(c);
            assertEquals(auc.realized(), auc.value(), 0.03, "chunk " + c + " ROC AUC");
            assertEquals(CHUNK, a.labelledRows());
            lowest = Math.min(lowest, a.realized());
            highest = Math.max(highest, a.realized());
        }
        assertTrue(highest - lowest > 0.08, "the shift changes realized accuracy: " + lowest + " to " + highest);
    }

    /** Adult: estimated and realized accuracy, F1 and ROC AUC on the drifted (shifted) batch within 0.03. */
    @Test
    void estimatesTheAdultExamplesShiftedBatchWithinThreePoints() {
        Adult reference = Adult.read("reference.csv");
        BinaryCbpe cbpe = Cbpe.withDefaults().fitBinary(reference.actual, reference.predicted, reference.probability,
                Chunks.byCount(reference.actual.length, 10, Chunks.Remainder.KEEP));
        Adult drifted = Adult.read("current-drifted.csv");
        CbpeResult result = cbpe.estimate(drifted.predicted, drifted.probability, drifted.actual,
                List.of(new Chunks.RowChunk(0, drifted.actual.length)));
        for (CbpeMetric m : List.of(CbpeMetric.ACCURACY, CbpeMetric.F1, CbpeMetric.ROC_AUC)) {
            ChunkEstimate e = result.metric(m).chunks().get(0);
            assertEquals(e.realized(), e.value(), 0.03, "current-drifted.csv " + m.key());
        }
    }

    private interface Shift {
        double of(int chunk);
    }

    private record Simulated(int[] actual, int[] predicted, double[] probability) {
    }

    private static Simulated simulate(SplittableRandom random, int chunks, Shift shift) {
        int n = chunks * CHUNK;
        int[] actual = new int[n];
        int[] predicted = new int[n];
        double[] probability = new double[n];
        for (int c = 0; c < chunks; c++) {
            double t = shift.of(c);
            double spread = 1 - 0.57 * t;
            for (int i = c * CHUNK; i < (c + 1) * CHUNK; i++) {
                double x1 = spread * gaussian(random) + 0.25 * t;
                double x2 = spread * gaussian(random);
                double p = 1 / (1 + Math.exp(-(-0.5 + 2 * x1 - 1.5 * x2)));
                probability[i] = p;
                predicted[i] = p >= 0.5 ? 1 : 0;
                actual[i] = random.nextDouble() < p ? 1 : 0;
            }
        }
        return new Simulated(actual, predicted, probability);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** The adult example's model columns: income (label), income_pred, income_proba, positive ">50K". */
    record Adult(int[] actual, int[] predicted, double[] probability) {
        static Adult read(String file) {
            Table t = Datasets.read(Path.of("examples", "adult", file)).table();
            CategoricalColumn income = (CategoricalColumn) t.column("income").orElseThrow();
            CategoricalColumn pred = (CategoricalColumn) t.column("income_pred").orElseThrow();
            NumericColumn proba = (NumericColumn) t.column("income_proba").orElseThrow();
            int n = t.rowCount();
            int[] actual = new int[n];
            int[] predicted = new int[n];
            for (int i = 0; i < n; i++) {
                actual[i] = income.isMissing(i) ? Cbpe.UNKNOWN : (">50K".equals(income.labelAt(i)) ? 1 : 0);
                predicted[i] = ">50K".equals(pred.labelAt(i)) ? 1 : 0;
            }
            return new Adult(actual, predicted, proba.values());
        }
    }
}
