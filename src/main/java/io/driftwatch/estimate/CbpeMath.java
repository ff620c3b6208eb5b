package io.driftwatch.estimate;

import io.driftwatch.data.DoubleRadixSort;
import io.driftwatch.stats.MersenneTwister;
import io.driftwatch.stats.RankingScores;
import java.util.Arrays;

/**
 * The arithmetic of CBPE on one chunk's rows, as NannyML 0.13.1 writes it in
 * {@code nannyml/performance_estimation/confidence_based/metrics.py} (estimates and realized values)
 * and {@code nannyml/sampling_error/binary_classification.py} / {@code multiclass_classification.py}
 * (sampling errors). Arrays are indexed by {@link CbpeMetric#ordinal()}. Deliberately low-level:
 * indexed loops over primitives.
 *
 * <p>Thread-safe: stateless.
 */
final class CbpeMath {
    static final int METRICS = CbpeMetric.values().length;
    static final int ROC_AUC = CbpeMetric.ROC_AUC.ordinal();
    static final int F1 = CbpeMetric.F1.ordinal();
    static final int PRECISION = CbpeMetric.PRECISION.ordinal();
    static final int RECALL = CbpeMetric.RECALL.ordinal();
    static final int SPECIFICITY = CbpeMetric.SPECIFICITY.ordinal();
    static final int ACCURACY = CbpeMetric.ACCURACY.ordinal();
    static final int AVERAGE_PRECISION = CbpeMetric.AVERAGE_PRECISION.ordinal();
    /** NannyML's {@code N_EXPERIMENTS}: bootstrap samples for the average precision's sampling error. */
    static final int AP_EXPERIMENTS = 50;
    /** NannyML's {@code MAX_RESAMPLE_SIZE}. */
    static final int AP_MAX_RESAMPLE = 50_000;
    /** NannyML's multiplier of the multiclass ROC AUC sampling error. */
    static final double MULTICLASS_AUC_FACTOR = 1.2;

    private CbpeMath() {
    }

    /** NumPy's {@code np.round(x, 5)}: {@code rint(x · 1e5) / 1e5}. */
    static double round5(double x) {
        return Math.rint(x * 1e5) / 1e5;
    }

    // ---------------------------------------------------------------- binary estimates

    /** {TP, FP, FN, TN} expected from calibrated {@code p} and predictions (1 = positive). */
    static double[] expectedConfusion(int[] predicted, double[] p, int n) {
        double tp = 0;
        double fp = 0;
        double fn = 0;
        double tn = 0;
        for (int i = 0; i < n; i++) {
            double v = p[i];
            if (predicted[i] == 1) {
                tp += v;
                fp += 1 - v;
            } else {
                fn += v;
                tn += 1 - v;
            }
        }
        return new double[] {tp, fp, fn, tn};
    }

    /** The estimates of a binary chunk from its expected confusion matrix and calibrated probabilities. */
    static double[] binaryEstimates(double[] confusion, double[] calibrated, int n) {
        double tp = confusion[0];
        double fp = confusion[1];
        double fn = confusion[2];
        double tn = confusion[3];
        double[] out = new double[METRICS];
        double f1Den = tp + 0.5 * (fp + fn);
        out[F1] = f1Den != 0 ? tp / f1Den : 0;
        out[PRECISION] = tp + fp != 0 ? tp / (tp + fp) : 0;
        out[RECALL] = tp + fn != 0 ? tp / (tp + fn) : 0;
        out[SPECIFICITY] = tn + fp != 0 ? tn / (tn + fp) : 0;
        out[ACCURACY] = n == 0 ? Double.NaN : (tp + tn) / n;
        // calibration is non-decreasing in the score, so the calibrated values in descending score
        // order are the calibrated values sorted descending (ties give equal steps either way)
        double[] sorted = Arrays.copyOf(calibrated, n);
        DoubleRadixSort.sort(sorted, n);
        int[] descending = new int[n];
        for (int i = 0; i < n; i++) {
            descending[i] = n - 1 - i;
        }
        out[ROC_AUC] = estimateRocAuc(sorted, descending, n);
        out[AVERAGE_PRECISION] = estimateAveragePrecision(sorted, descending, n);
        return out;
    }

    /**
     * NannyML's {@code estimate_roc_auc}: rows taken in {@code order} (descending model score),
     * {@code tps = cumsum(p)}, {@code fps = 1 + i − tps}, both rounded to 5 decimals, a (0, 0) point
     * prepended, divided by their last values, and the trapezoid area under (fpr, tpr); NaN when the
     * last tps or fps is 0.
     */
    static double estimateRocAuc(double[] calibrated, int[] order, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double cum = 0;
        for (int i = 0; i < n; i++) {
            cum += calibrated[order[i]];
        }
        double lastTps = round5(cum);
        double lastFps = round5(n - cum);
        if (lastTps == 0 || lastFps == 0) {
            return Double.NaN;
        }
        double area = 0;
        double prevTpr = 0;
        double prevFpr = 0;
        cum = 0;
        for (int i = 0; i < n; i++) {
            cum += calibrated[order[i]];
            double tpr = round5(cum) / lastTps;
            double fpr = round5(1 + i - cum) / lastFps;
            area += (fpr - prevFpr) * (tpr + prevTpr) / 2.0;
            prevTpr = tpr;
            prevFpr = fpr;
        }
        return area;
    }

    /**
     * NannyML's {@code estimate_ap}: rows in {@code order} (descending model score),
     * {@code tps = round(cumsum(p), 5)}, precision at the m-th row {@code tps_m / m}, recall
     * {@code tps_m / tps_n}, and {@code AP = Σ_m (recall_m − recall_{m−1}) · precision_m}.
     */
    static double estimateAveragePrecision(double[] calibrated, int[] order, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double cum = 0;
        for (int i = 0; i < n; i++) {
            cum += calibrated[order[i]];
        }
        double lastTps = round5(cum);
        double ap = 0;
        double prevRecall = 0;
        cum = 0;
        for (int i = 0; i < n; i++) {
            cum += calibrated[order[i]];
            double tps = round5(cum);
            double recall = tps / lastTps;
            ap += (recall - prevRecall) * (tps / (i + 1));
            prevRecall = recall;
        }
        return ap;
    }

    // ---------------------------------------------------------------- binary realized

    /**
     * One class against the rest, over rows {@code [0, n)}: true and false positives and negatives
     * of predicting {@code positiveClass}.
     */
    record Counts(long tp, long fp, long fn, long tn) {
        static Counts of(int[] actual, int[] predicted, int positiveClass, int n) {
            long tp = 0;
            long fp = 0;
            long fn = 0;
            long tn = 0;
            for (int i = 0; i < n; i++) {
                boolean a = actual[i] == positiveClass;
                if (predicted[i] == positiveClass) {
                    if (a) {
                        tp++;
                    } else {
                        fp++;
                    }
                } else if (a) {
                    fn++;
                } else {
                    tn++;
                }
            }
            return new Counts(tp, fp, fn, tn);
        }
    }

    /**
     * The realized metrics on {@code m} labelled rows (actual and predicted 0/1, model scores), as
     * NannyML's {@code _realized_performance}: accuracy; precision, recall and F1 NaN unless both the
     * labels and the predictions hold both classes; specificity NaN without actual negatives; ROC AUC
     * NaN with one class; average precision NaN without positives.
     */
    static double[] binaryRealized(int[] actual, int[] predicted, double[] score, int m) {
        double[] out = new double[METRICS];
        if (m == 0) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        Counts counts = Counts.of(actual, predicted, 1, m);
        long tp = counts.tp();
        long fp = counts.fp();
        long fn = counts.fn();
        long tn = counts.tn();
        boolean[] positive = new boolean[m];
        for (int i = 0; i < m; i++) {
            positive[i] = actual[i] == 1;
        }
        out[ACCURACY] = (double) (tp + tn) / m;
        boolean bothActual = tp + fn > 0 && tn + fp > 0;
        boolean bothPredicted = tp + fp > 0 && tn + fn > 0;
        if (bothActual && bothPredicted) {
            double precision = (double) tp / (tp + fp);
            double recall = (double) tp / (tp + fn);
            out[PRECISION] = precision;
            out[RECALL] = recall;
            out[F1] = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        } else {
            out[PRECISION] = Double.NaN;
            out[RECALL] = Double.NaN;
            out[F1] = Double.NaN;
        }
        out[SPECIFICITY] = tn + fp == 0 ? Double.NaN : (double) tn / (tn + fp);
        double[] ranking = RankingScores.rocAucAndAveragePrecision(score, positive, m);
        out[ROC_AUC] = ranking[0];
        out[AVERAGE_PRECISION] = ranking[1];
        return out;
    }

    // ---------------------------------------------------------------- sampling error components

    /** {@code np.std} of {@code ones} ones and {@code total − ones} zeros; NaN when {@code total == 0}. */
    static double std01(long ones, long total) {
        return Math.sqrt(var01(ones, total));
    }

    /** {@code np.var} of {@code ones} ones and {@code total − ones} zeros; NaN when {@code total == 0}. */
    static double var01(long ones, long total) {
        if (total == 0) {
            return Double.NaN;
        }
        double mean = (double) ones / total;
        double d1 = 1 - mean;
        return (ones * d1 * d1 + (total - ones) * mean * mean) / total;
    }

    /** Population variance ({@code np.var}) of {@code x[0..n)}; NaN when empty or any value is NaN. */
    static double variance(double[] x, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[i];
        }
        double mean = sum / n;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double d = x[i] - mean;
            sq += d * d;
        }
        return sq / n;
    }

    /**
     * NannyML's AUROC sampling-error components ({@code auroc_sampling_error_components}): with the
     * minority class as positive (labels and scores flipped when the positive share exceeds ½), rows
     * sorted by score ascending (stable), each positive at rank {@code r > 0} — NannyML's
     * {@code np.unique(y · rank)[1:]} drops rank 0 — numbered {@code i = 0, 1, …} gives
     * {@code (r − i) / n_neg}; returns {variance of those, n_pos / n}.
     */
    static double[] aurocComponents(boolean[] positive, double[] score, int n) {
        long pos = 0;
        for (int i = 0; i < n; i++) {
            if (positive[i]) {
                pos++;
            }
        }
        boolean flip = (double) pos / n > 0.5;
        boolean[] y = new boolean[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = flip != positive[i];
            s[i] = flip ? 1 - score[i] : score[i];
        }
        long nPos = flip ? n - pos : pos;
        long nNeg = n - nPos;
        int[] order = IndexSort.ascending(s, n);
        double[] ser = new double[n];
        int count = 0;
        for (int r = 1; r < n; r++) {
            if (y[order[r]]) {
                ser[count] = (double) (r - count) / nNeg;
                count++;
            }
        }
        return new double[] {variance(ser, count), (double) nPos / n};
    }

    /**
     * NannyML's average-precision sampling-error components: {@link #AP_EXPERIMENTS} bootstrap
     * samples of {@code min(n / 2, 50,000)} rows drawn with replacement (NumPy's
     * {@code randint(0, n)} stream of the seeded generator; NannyML draws from NumPy's unseeded global
     * generator), the average precision of each; returns {variance of those, sample size}.
     */
    static double[] averagePrecisionComponents(boolean[] positive, double[] score, int n, MersenneTwister rng) {
        int sampleSize = Math.min(n / 2, AP_MAX_RESAMPLE);
        double[] results = new double[AP_EXPERIMENTS];
        double[] s = new double[sampleSize];
        boolean[] y = new boolean[sampleSize];
        for (int e = 0; e < AP_EXPERIMENTS; e++) {
            for (int j = 0; j < sampleSize; j++) {
                int row = rng.nextInterval(n - 1);
                s[j] = score[row];
                y[j] = positive[row];
            }
            results[e] = RankingScores.averagePrecision(s, y, sampleSize);
        }
        return new double[] {variance(results, AP_EXPERIMENTS), sampleSize};
    }
}
