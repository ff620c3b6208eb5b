package io.driftwatch.estimate;

import io.driftwatch.analysis.ModelTask;
import io.driftwatch.data.Chunks;
import io.driftwatch.stats.ChunkThreshold;
import io.driftwatch.stats.MersenneTwister;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * CBPE fitted on a binary classifier's reference: the calibration decision and calibrator, the
 * sampling-error components of each metric, and the thresholds.
 *
 * <p>Per chunk (NannyML's {@code CBPE._estimate} for {@code classification_binary}): the
 * probabilities are calibrated (when decided), the expected confusion matrix summed, and from it
 * accuracy {@code (TP+TN)/n}, precision {@code TP/(TP+FP)}, recall {@code TP/(TP+FN)},
 * specificity {@code TN/(TN+FP)}, F1 {@code TP/(TP + ½(FP+FN))} (0 when a denominator is 0); ROC
 * AUC and average precision from the calibrated probabilities ranked by the model's score
 * ({@link CbpeMath#estimateRocAuc}, {@link CbpeMath#estimateAveragePrecision}). The realized values
 * use the model's own (uncalibrated) scores and the predicted labels, on the rows whose label is known.
 *
 * <p>Sampling errors (NannyML's {@code sampling_error/binary_classification.py}), with {@code n}
 * the chunk's rows and σ, f computed once on the reference: accuracy {@code σ(correct)/√n};
 * precision, recall, specificity, F1 and ROC AUC {@code σ/√(n·f)} with σ the standard deviation of
 * the per-row 0/1 outcomes among the relevant rows (F1: scaled by NannyML's correcting factor) and
 * f the relevant share; average precision {@code σ_bootstrap · √(sample/n)}.
 *
 * <p>Thread-safe: immutable.
 */
public final class BinaryCbpe {
    private final CalibrationDecision decision;
    private final IsotonicCalibrator calibrator; // null: probabilities used as they are
    private final double[] sigma;
    private final double[] fraction;
    private final ChunkThreshold.Band[] thresholds;
    private final long seed;

    private BinaryCbpe(CalibrationDecision decision, IsotonicCalibrator calibrator, double[] sigma, double[] fraction,
            ChunkThreshold.Band[] thresholds, long seed) {
        this.decision = decision;
        this.calibrator = calibrator;
        this.sigma = sigma;
        this.fraction = fraction;
        this.thresholds = thresholds;
        this.seed = seed;
    }

    static BinaryCbpe fit(Cbpe options, int[] actual, int[] predicted, double[] probability,
            List<? extends Chunks.Chunk> referenceChunks) {
        String side = "reference";
        int n = actual.length;
        Inputs.sameLength(side, "predicted labels", predicted.length, n, "the labels");
        Inputs.sameLength(side, "probabilities", probability.length, n, "the labels");
        if (n == 0) {
            throw new InvalidModelOutputException("reference: no rows to fit CBPE on");
        }
        Inputs.codes(side, "label", actual, 2, false);
        Inputs.codes(side, "predicted label", predicted, 2, false);
        Inputs.probabilities(side, "probability", probability);
        Inputs.chunks(side, referenceChunks, n);

        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            positive[i] = actual[i] == 1;
        }
        CalibrationDecision decision = CalibrationRule.decide(options.calibration(), probability, positive, n,
                "the probabilities");
        IsotonicCalibrator calibrator = null;
        if (decision.calibrated()) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = actual[i];
            }
            calibrator = IsotonicCalibrator.fit(probability, y, n);
        }

        double[] sigma = new double[CbpeMath.METRICS];
        double[] fraction = new double[CbpeMath.METRICS];
        components(actual, predicted, probability, positive, n, new MersenneTwister(options.seed()), sigma, fraction);

        double[][] realized = new double[CbpeMath.METRICS][referenceChunks.size()];
        for (int c = 0; c < referenceChunks.size(); c++) {
            int[] rows = referenceChunks.get(c).rows();
            int m = rows.length;
            int[] a = new int[m];
            int[] p = new int[m];
            double[] s = new double[m];
            for (int i = 0; i < m; i++) {
                a[i] = actual[rows[i]];
                p[i] = predicted[rows[i]];
                s[i] = probability[rows[i]];
            }
            double[] r = CbpeMath.binaryRealized(a, p, s, m);
            for (int k = 0; k < CbpeMath.METRICS; k++) {
                realized[k][c] = r[k];
            }
        }
        ChunkThreshold.Band[] thresholds = new ChunkThreshold.Band[CbpeMath.METRICS];
        for (int k = 0; k < CbpeMath.METRICS; k++) {
            thresholds[k] = ChunkThreshold.of(realized[k], ChunkThreshold.DEFAULT_MULTIPLIER, 0, 1);
        }
        return new BinaryCbpe(decision, calibrator, sigma, fraction, thresholds, options.seed());
    }

    private static void components(int[] actual, int[] predicted, double[] probability, boolean[] positive, int n,
            MersenneTwister rng, double[] sigma, double[] fraction) {
        CbpeMath.Counts counts = CbpeMath.Counts.of(actual, predicted, 1, n);
        long tp = counts.tp();
        long fp = counts.fp();
        long fn = counts.fn();
        long tn = counts.tn();
        long actualPositives = tp + fn;
        sigma[CbpeMath.ACCURACY] = CbpeMath.std01(tp + tn, n);
        fraction[CbpeMath.ACCURACY] = 1;
        sigma[CbpeMath.PRECISION] = CbpeMath.std01(tp, tp + fp);
        fraction[CbpeMath.PRECISION] = (double) (tp + fp) / n;
        sigma[CbpeMath.RECALL] = CbpeMath.std01(tp, tp + fn);
        fraction[CbpeMath.RECALL] = (double) actualPositives / n;
        sigma[CbpeMath.SPECIFICITY] = CbpeMath.std01(tn, tn + fp);
        fraction[CbpeMath.SPECIFICITY] = (double) (tn + fp) / n;
        long relevant = tp + fn + fp;
        if (relevant == 0) {
            sigma[CbpeMath.F1] = Double.NaN;
            fraction[CbpeMath.F1] = 0;
        } else {
            double correcting = relevant / ((fn + fp) * 0.5 + tp);
            sigma[CbpeMath.F1] = correcting * CbpeMath.std01(tp, relevant);
            fraction[CbpeMath.F1] = (double) relevant / n;
        }
        if (actualPositives == 0 || actualPositives == n) {
            sigma[CbpeMath.ROC_AUC] = Double.NaN;
            fraction[CbpeMath.ROC_AUC] = Double.NaN;
        } else {
            double[] auc = CbpeMath.aurocComponents(positive, probability, n);
            sigma[CbpeMath.ROC_AUC] = Math.sqrt(auc[0]);
            fraction[CbpeMath.ROC_AUC] = auc[1];
        }
        if (actualPositives == 0) {
            sigma[CbpeMath.AVERAGE_PRECISION] = Double.NaN;
            fraction[CbpeMath.AVERAGE_PRECISION] = 0;
        } else {
            double[] ap = CbpeMath.averagePrecisionComponents(positive, probability, n, rng);
            sigma[CbpeMath.AVERAGE_PRECISION] = Math.sqrt(ap[0]);
            fraction[CbpeMath.AVERAGE_PRECISION] = ap[1];
        }
    }

    /** The calibration decision. */
    public CalibrationDecision calibration() {
        return decision;
    }

    /** The thresholds of {@code metric}: mean ± 3σ of its realized value over the reference chunks. */
    public ChunkThreshold.Band thresholds(CbpeMetric metric) {
        return thresholds[metric.ordinal()];
    }

    /** The probability CBPE uses for a model probability {@code p}: calibrated, or {@code p} itself. */
    public double calibrate(double p) {
        return calibrator == null ? p : calibrator.apply(p);
    }

    /** NannyML's sampling error of {@code metric} for a chunk of {@code rows} rows. */
    public double samplingError(CbpeMetric metric, int rows) {
        int k = metric.ordinal();
        if (metric == CbpeMetric.ACCURACY) {
            return sigma[k] / Math.sqrt(rows);
        }
        if (metric == CbpeMetric.AVERAGE_PRECISION) {
            return sigma[k] * Math.sqrt(fraction[k] / rows);
        }
        return sigma[k] / Math.sqrt(rows * fraction[k]);
    }

    /**
     * Estimates every metric on each chunk of a batch.
     *
     * @param predicted the predicted class of each row (1 positive, 0 negative)
     * @param probability the model's probability of the positive class
     * @param actual the true class where known (1, 0, or {@link Cbpe#UNKNOWN}); null when no label
     *     is known: then every realized value is NaN
     * @param chunks the batch's chunks
     */
    public CbpeResult estimate(int[] predicted, double[] probability, int[] actual, List<? extends Chunks.Chunk> chunks) {
        String side = "analysis";
        int n = predicted.length;
        Inputs.sameLength(side, "probabilities", probability.length, n, "the predicted labels");
        if (actual != null) {
            Inputs.sameLength(side, "labels", actual.length, n, "the predicted labels");
            Inputs.codes(side, "label", actual, 2, true);
        }
        Inputs.codes(side, "predicted label", predicted, 2, false);
        Inputs.probabilities(side, "probability", probability);
        Inputs.chunks(side, chunks, n);

        int chunkCount = chunks.size();
        ChunkEstimate[][] out = new ChunkEstimate[CbpeMath.METRICS][chunkCount];
        List<ExpectedConfusion> confusions = new ArrayList<>(chunkCount);
        for (int c = 0; c < chunkCount; c++) {
            int[] rows = chunks.get(c).rows();
            int m = rows.length;
            int[] p = new int[m];
            double[] cal = new double[m];
            for (int i = 0; i < m; i++) {
                int row = rows[i];
                p[i] = predicted[row];
                cal[i] = calibrate(probability[row]);
            }
            double[] confusion = CbpeMath.expectedConfusion(p, cal, m);
            confusions.add(new ExpectedConfusion(confusion[0], confusion[1], confusion[2], confusion[3]));
            double[] estimates = CbpeMath.binaryEstimates(confusion, cal, m);
            int labelled = 0;
            double[] realized;
            if (actual == null) {
                realized = nans();
            } else {
                for (int row : rows) {
                    if (actual[row] != Cbpe.UNKNOWN) {
                        labelled++;
                    }
                }
                int[] a = new int[labelled];
                int[] lp = new int[labelled];
                double[] s = new double[labelled];
                int j = 0;
                for (int row : rows) {
                    if (actual[row] != Cbpe.UNKNOWN) {
                        a[j] = actual[row];
                        lp[j] = predicted[row];
                        s[j] = probability[row];
                        j++;
                    }
                }
                realized = CbpeMath.binaryRealized(a, lp, s, labelled);
            }
            for (CbpeMetric metric : CbpeMetric.values()) {
                int k = metric.ordinal();
                out[k][c] = chunkEstimate(c, m, estimates[k], samplingError(metric, m), thresholds[k], realized[k],
                        labelled);
            }
        }
        Map<CbpeMetric, MetricEstimates> metrics = new EnumMap<>(CbpeMetric.class);
        for (CbpeMetric metric : CbpeMetric.values()) {
            metrics.put(metric, new MetricEstimates(metric.key(), thresholds[metric.ordinal()],
                    List.of(out[metric.ordinal()])));
        }
        return new CbpeResult(ModelTask.BINARY_CLASSIFICATION, List.of(decision), metrics, confusions, seed);
    }

    static double[] nans() {
        double[] r = new double[CbpeMath.METRICS];
        java.util.Arrays.fill(r, Double.NaN);
        return r;
    }

    /** A chunk's row with NannyML's confidence band (± 3 sampling errors, clipped to [0, 1]). */
    static ChunkEstimate chunkEstimate(int chunk, int rows, double value, double samplingError, ChunkThreshold.Band band,
            double realized, int labelled) {
        double lower = Math.max(0, value - 3 * samplingError);
        double upper = Math.min(1, value + 3 * samplingError);
        return new ChunkEstimate(chunk, rows, value, samplingError, lower, upper, band.lower(), band.upper(),
                band.alerts(value), realized, labelled);
    }
}
