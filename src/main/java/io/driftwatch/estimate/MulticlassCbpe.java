package io.driftwatch.estimate;

import io.driftwatch.analysis.ModelTask;
import io.driftwatch.data.Chunks;
import io.driftwatch.stats.ChunkThreshold;
import io.driftwatch.stats.InsufficientDataException;
import io.driftwatch.stats.MersenneTwister;
import io.driftwatch.stats.RankingScores;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * CBPE fitted on a multiclass classifier's reference, one-vs-rest as NannyML does it
 * ({@code classification_multiclass}): per class a calibration decision
 * ({@link Calibration#AUTO}: NannyML's rule on that class's probability against "is this class")
 * and an isotonic calibrator; at estimation each class's probability is calibrated (or kept) and
 * every row renormalised to sum to 1 (a row summing to 0 becomes uniform), which NannyML does
 * whether or not any class was calibrated.
 *
 * <p>Estimates per chunk: precision, recall, specificity and F1 are the macro means of the binary
 * estimates of each class (predicted "this class" against the calibrated probability of it);
 * accuracy is the mean calibrated probability of the predicted class; ROC AUC and average precision
 * the macro means of the binary estimates with each class's rows ranked by the model's score for it
 * (ties in the score keep the reverse of their row order, as {@code argsort(kind="stable")[::-1]};
 * NumPy's default sort leaves them unspecified). Realized values: macro metrics over all classes
 * (scikit-learn, {@code zero_division} 0), NaN as NannyML returns it (one class among the labels or
 * the predictions; ROC AUC unless every class is among the labels).
 *
 * <p>Sampling errors (NannyML's {@code sampling_error/multiclass_classification.py}): accuracy
 * {@code σ(correct)/√n}; precision, recall, specificity, F1 {@code √(Σ_k v_k/(n·f_k)) / K}; ROC AUC
 * the same × 1.2; average precision {@code √(mean_k v_k · sample_k / n)}; {@code v_k} the variances
 * of the per-row outcomes (or bootstrap values) of class {@code k} on the reference.
 *
 * <p>Thread-safe: immutable.
 */
public final class MulticlassCbpe {
    private final int classes;
    private final List<CalibrationDecision> decisions;
    private final IsotonicCalibrator[] calibrators; // null entries: kept as they are
    private final double accuracySigma;
    private final double[][] variance; // [metric][class]
    private final double[][] fraction; // [metric][class]
    private final ChunkThreshold.Band[] thresholds;
    private final long seed;

    private MulticlassCbpe(int classes, List<CalibrationDecision> decisions, IsotonicCalibrator[] calibrators,
            double accuracySigma, double[][] variance, double[][] fraction, ChunkThreshold.Band[] thresholds, long seed) {
        this.classes = classes;
        this.decisions = decisions;
        this.calibrators = calibrators;
        this.accuracySigma = accuracySigma;
        this.variance = variance;
        this.fraction = fraction;
        this.thresholds = thresholds;
        this.seed = seed;
    }

    static MulticlassCbpe fit(Cbpe options, int[] actual, int[] predicted, double[][] probabilities,
            List<? extends Chunks.Chunk> referenceChunks) {
        String side = "reference";
        int k = probabilities.length;
        if (k < 3) {
            throw new InvalidModelOutputException(side + ": a multiclass classifier needs probabilities of at least 3 "
                    + "classes, got " + k);
        }
        int n = actual.length;
        Inputs.sameLength(side, "predicted labels", predicted.length, n, "the labels");
        for (int c = 0; c < k; c++) {
            Inputs.sameLength(side, "probabilities of class " + c, probabilities[c].length, n, "the labels");
        }
        if (n == 0) {
            throw new InvalidModelOutputException("reference: no rows to fit CBPE on");
        }
        Inputs.codes(side, "label", actual, k, false);
        Inputs.codes(side, "predicted label", predicted, k, false);
        for (int c = 0; c < k; c++) {
            Inputs.probabilities(side, "probability of class " + c, probabilities[c]);
        }
        Inputs.chunks(side, referenceChunks, n);
        long[] perClass = new long[k];
        for (int a : actual) {
            perClass[a]++;
        }
        for (int c = 0; c < k; c++) {
            if (perClass[c] == 0) {
                throw new InsufficientDataException("reference: no row is labelled class " + c + " (of " + k
                        + " classes with probabilities); CBPE fits one calibrator per class and needs each among the labels");
            }
        }

        List<CalibrationDecision> decisions = new ArrayList<>(k);
        IsotonicCalibrator[] calibrators = new IsotonicCalibrator[k];
        boolean[] is = new boolean[n];
        double[] y = new double[n];
        MersenneTwister rng = new MersenneTwister(options.seed());
        double[][] variance = new double[CbpeMath.METRICS][k];
        double[][] fraction = new double[CbpeMath.METRICS][k];
        long correct = 0;
        for (int i = 0; i < n; i++) {
            if (actual[i] == predicted[i]) {
                correct++;
            }
        }
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) {
                is[i] = actual[i] == c;
                y[i] = is[i] ? 1 : 0;
            }
            CalibrationDecision d = CalibrationRule.decide(options.calibration(), probabilities[c], is, n,
                    "the probabilities of class " + c);
            decisions.add(d);
            if (d.calibrated()) {
                calibrators[c] = IsotonicCalibrator.fit(probabilities[c], y, n);
            }
            classComponents(c, actual, predicted, probabilities[c], is, n, rng, variance, fraction);
        }
        double accuracySigma = CbpeMath.std01(correct, n);

        double[][] realized = new double[CbpeMath.METRICS][referenceChunks.size()];
        for (int ch = 0; ch < referenceChunks.size(); ch++) {
            int[] rows = referenceChunks.get(ch).rows();
            double[] r = realized(rows, rows.length, actual, predicted, probabilities, k);
            for (int m = 0; m < CbpeMath.METRICS; m++) {
                realized[m][ch] = r[m];
            }
        }
        ChunkThreshold.Band[] thresholds = new ChunkThreshold.Band[CbpeMath.METRICS];
        for (int m = 0; m < CbpeMath.METRICS; m++) {
            thresholds[m] = ChunkThreshold.of(realized[m], ChunkThreshold.DEFAULT_MULTIPLIER, 0, 1);
        }
        return new MulticlassCbpe(k, List.copyOf(decisions), calibrators, accuracySigma, variance, fraction, thresholds,
                options.seed());
    }

    private static void classComponents(int c, int[] actual, int[] predicted, double[] score, boolean[] is, int n,
            MersenneTwister rng, double[][] variance, double[][] fraction) {
        CbpeMath.Counts counts = CbpeMath.Counts.of(actual, predicted, c, n);
        long tp = counts.tp();
        long fp = counts.fp();
        long fn = counts.fn();
        long tn = counts.tn();
        variance[CbpeMath.F1][c] = CbpeMath.var01(tp, tp + fn + fp);
        fraction[CbpeMath.F1][c] = (double) (tp + fn + fp) / n;
        variance[CbpeMath.PRECISION][c] = CbpeMath.var01(tp, tp + fp);
        fraction[CbpeMath.PRECISION][c] = (double) (tp + fp) / n;
        variance[CbpeMath.RECALL][c] = CbpeMath.var01(tp, tp + fn);
        fraction[CbpeMath.RECALL][c] = (double) (tp + fn) / n;
        variance[CbpeMath.SPECIFICITY][c] = CbpeMath.var01(tn, tn + fp);
        fraction[CbpeMath.SPECIFICITY][c] = (double) (tn + fp) / n;
        double[] auc = CbpeMath.aurocComponents(is, score, n);
        variance[CbpeMath.ROC_AUC][c] = auc[0];
        fraction[CbpeMath.ROC_AUC][c] = auc[1];
        double[] ap = CbpeMath.averagePrecisionComponents(is, score, n, rng);
        variance[CbpeMath.AVERAGE_PRECISION][c] = ap[0];
        fraction[CbpeMath.AVERAGE_PRECISION][c] = ap[1];
    }

    /** The calibration decision of each class, in class-code order. */
    public List<CalibrationDecision> calibration() {
        return decisions;
    }

    /** The thresholds of {@code metric}. */
    public ChunkThreshold.Band thresholds(CbpeMetric metric) {
        return thresholds[metric.ordinal()];
    }

    /** NannyML's sampling error of {@code metric} for a chunk of {@code rows} rows. */
    public double samplingError(CbpeMetric metric, int rows) {
        int m = metric.ordinal();
        if (metric == CbpeMetric.ACCURACY) {
            return accuracySigma / Math.sqrt(rows);
        }
        if (metric == CbpeMetric.AVERAGE_PRECISION) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += variance[m][c] * fraction[m][c] / rows;
            }
            return Math.sqrt(sum / classes);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += variance[m][c] / (rows * fraction[m][c]);
        }
        double se = Math.sqrt(sum) / classes;
        return metric == CbpeMetric.ROC_AUC ? se * CbpeMath.MULTICLASS_AUC_FACTOR : se;
    }

    /**
     * The calibrated, renormalised probabilities of {@code rows}: {@code [class][i]}.
     */
    double[][] calibrated(double[][] probabilities, int[] rows) {
        int m = rows.length;
        double[][] cal = new double[classes][m];
        for (int c = 0; c < classes; c++) {
            IsotonicCalibrator cc = calibrators[c];
            double[] p = probabilities[c];
            double[] out = cal[c];
            for (int i = 0; i < m; i++) {
                out[i] = cc == null ? p[rows[i]] : cc.apply(p[rows[i]]);
            }
        }
        for (int i = 0; i < m; i++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += cal[c][i];
            }
            for (int c = 0; c < classes; c++) {
                cal[c][i] = sum != 0 ? cal[c][i] / sum : 1.0 / classes;
            }
        }
        return cal;
    }

    /**
     * Estimates every metric on each chunk of a batch.
     *
     * @param predicted the predicted class code of each row
     * @param probabilities {@code probabilities[k][row]}, one array per class in code order
     * @param actual the true class code where known ({@link Cbpe#UNKNOWN} otherwise); null when no
     *     label is known
     * @param chunks the batch's chunks
     */
    public CbpeResult estimate(int[] predicted, double[][] probabilities, int[] actual,
            List<? extends Chunks.Chunk> chunks) {
        String side = "analysis";
        if (probabilities.length != classes) {
            throw new InvalidModelOutputException(side + ": probabilities of " + probabilities.length
                    + " classes, but CBPE was fitted on " + classes);
        }
        int n = predicted.length;
        for (int c = 0; c < classes; c++) {
            Inputs.sameLength(side, "probabilities of class " + c, probabilities[c].length, n, "the predicted labels");
        }
        if (actual != null) {
            Inputs.sameLength(side, "labels", actual.length, n, "the predicted labels");
            Inputs.codes(side, "label", actual, classes, true);
        }
        Inputs.codes(side, "predicted label", predicted, classes, false);
        for (int c = 0; c < classes; c++) {
            Inputs.probabilities(side, "probability of class " + c, probabilities[c]);
        }
        Inputs.chunks(side, chunks, n);

        int chunkCount = chunks.size();
        ChunkEstimate[][] out = new ChunkEstimate[CbpeMath.METRICS][chunkCount];
        for (int ch = 0; ch < chunkCount; ch++) {
            int[] rows = chunks.get(ch).rows();
            int m = rows.length;
            double[][] cal = calibrated(probabilities, rows);
            double[] estimates = estimates(predicted, probabilities, rows, cal);
            int labelled = 0;
            double[] realized;
            if (actual == null) {
                realized = BinaryCbpe.nans();
            } else {
                int[] known = new int[m];
                for (int row : rows) {
                    if (actual[row] != Cbpe.UNKNOWN) {
                        known[labelled++] = row;
                    }
                }
                realized = realized(known, labelled, actual, predicted, probabilities, classes);
            }
            for (CbpeMetric metric : CbpeMetric.values()) {
                int k = metric.ordinal();
                out[k][ch] = BinaryCbpe.chunkEstimate(ch, m, estimates[k], samplingError(metric, m), thresholds[k],
                        realized[k], labelled);
            }
        }
        Map<CbpeMetric, MetricEstimates> metrics = new EnumMap<>(CbpeMetric.class);
        for (CbpeMetric metric : CbpeMetric.values()) {
            metrics.put(metric, new MetricEstimates(metric.key(), thresholds[metric.ordinal()],
                    List.of(out[metric.ordinal()])));
        }
        return new CbpeResult(ModelTask.MULTICLASS_CLASSIFICATION, decisions, metrics, List.of(), seed);
    }

    private double[] estimates(int[] predicted, double[][] probabilities, int[] rows, double[][] cal) {
        int m = rows.length;
        double[] out = new double[CbpeMath.METRICS];
        double f1 = 0;
        double precision = 0;
        double recall = 0;
        double specificity = 0;
        double auc = 0;
        double ap = 0;
        double[] score = new double[m];
        for (int c = 0; c < classes; c++) {
            double tp = 0;
            double fp = 0;
            double fn = 0;
            double tn = 0;
            double[] p = cal[c];
            for (int i = 0; i < m; i++) {
                double v = p[i];
                if (predicted[rows[i]] == c) {
                    tp += v;
                    fp += 1 - v;
                } else {
                    fn += v;
                    tn += 1 - v;
                }
            }
            double f1Den = tp + 0.5 * (fp + fn);
            f1 += f1Den != 0 ? tp / f1Den : 0;
            precision += tp + fp != 0 ? tp / (tp + fp) : 0;
            recall += tp + fn != 0 ? tp / (tp + fn) : 0;
            specificity += tn + fp != 0 ? tn / (tn + fp) : 0;
            double[] raw = probabilities[c];
            for (int i = 0; i < m; i++) {
                score[i] = raw[rows[i]];
            }
            int[] ascending = IndexSort.ascending(score, m);
            int[] descending = new int[m];
            for (int i = 0; i < m; i++) {
                descending[i] = ascending[m - 1 - i];
            }
            auc += CbpeMath.estimateRocAuc(p, descending, m);
            ap += CbpeMath.estimateAveragePrecision(p, descending, m);
        }
        out[CbpeMath.F1] = f1 / classes;
        out[CbpeMath.PRECISION] = precision / classes;
        out[CbpeMath.RECALL] = recall / classes;
        out[CbpeMath.SPECIFICITY] = specificity / classes;
        out[CbpeMath.ROC_AUC] = auc / classes;
        out[CbpeMath.AVERAGE_PRECISION] = ap / classes;
        double accuracy = 0;
        for (int i = 0; i < m; i++) {
            accuracy += cal[predicted[rows[i]]][i];
        }
        out[CbpeMath.ACCURACY] = accuracy / m;
        return out;
    }

    /** The realized metrics on the first {@code m} of {@code rows} (all labelled). */
    static double[] realized(int[] rows, int m, int[] actual, int[] predicted, double[][] probabilities, int k) {
        double[] out = new double[CbpeMath.METRICS];
        if (m == 0) {
            java.util.Arrays.fill(out, Double.NaN);
            return out;
        }
        long[] tp = new long[k];
        long[] fp = new long[k];
        long[] fn = new long[k];
        long[] actualCount = new long[k];
        long[] predictedCount = new long[k];
        long correct = 0;
        for (int i = 0; i < m; i++) {
            int a = actual[rows[i]];
            int p = predicted[rows[i]];
            actualCount[a]++;
            predictedCount[p]++;
            if (a == p) {
                tp[a]++;
                correct++;
            } else {
                fp[p]++;
                fn[a]++;
            }
        }
        int actualClasses = 0;
        int predictedClasses = 0;
        for (int c = 0; c < k; c++) {
            if (actualCount[c] > 0) {
                actualClasses++;
            }
            if (predictedCount[c] > 0) {
                predictedClasses++;
            }
        }
        if (actualClasses <= 1 || predictedClasses <= 1) {
            out[CbpeMath.F1] = Double.NaN;
            out[CbpeMath.PRECISION] = Double.NaN;
            out[CbpeMath.RECALL] = Double.NaN;
            out[CbpeMath.SPECIFICITY] = Double.NaN;
            out[CbpeMath.ACCURACY] = Double.NaN;
        } else {
            double f1 = 0;
            double precision = 0;
            double recall = 0;
            double specificity = 0;
            for (int c = 0; c < k; c++) {
                double pr = tp[c] + fp[c] == 0 ? 0 : (double) tp[c] / (tp[c] + fp[c]);
                double re = tp[c] + fn[c] == 0 ? 0 : (double) tp[c] / (tp[c] + fn[c]);
                precision += pr;
                recall += re;
                f1 += pr + re == 0 ? 0 : 2 * pr * re / (pr + re);
                long tn = m - tp[c] - fp[c] - fn[c];
                specificity += (double) tn / (tn + fp[c]);
            }
            out[CbpeMath.F1] = f1 / k;
            out[CbpeMath.PRECISION] = precision / k;
            out[CbpeMath.RECALL] = recall / k;
            out[CbpeMath.SPECIFICITY] = specificity / k;
            out[CbpeMath.ACCURACY] = (double) correct / m;
        }
        double[] score = new double[m];
        boolean[] is = new boolean[m];
        double auc = 0;
        double ap = 0;
        for (int c = 0; c < k; c++) {
            double[] raw = probabilities[c];
            for (int i = 0; i < m; i++) {
                score[i] = raw[rows[i]];
                is[i] = actual[rows[i]] == c;
            }
            double[] ranking = RankingScores.rocAucAndAveragePrecision(score, is, m);
            auc += ranking[0];
            ap += ranking[1];
        }
        out[CbpeMath.ROC_AUC] = actualClasses == k ? auc / k : Double.NaN;
        out[CbpeMath.AVERAGE_PRECISION] = actualClasses <= 1 ? Double.NaN : ap / k;
        return out;
    }
}
