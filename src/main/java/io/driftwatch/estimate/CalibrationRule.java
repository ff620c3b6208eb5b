package io.driftwatch.estimate;

import io.driftwatch.stats.InsufficientDataException;
import io.driftwatch.stats.RankingScores;
import io.driftwatch.stats.StratifiedShuffleSplit;

/**
 * NannyML's {@code needs_calibration} ({@code nannyml/calibration.py}) for one probability column
 * against binary labels:
 * <ol>
 *   <li>one class in the labels: no calibration;</li>
 *   <li>{@code roc_auc_score(y, p) > 0.999}: no calibration;</li>
 *   <li>{@code StratifiedShuffleSplit(n_splits=10, test_size=0.1, random_state=42)}: for each split
 *       an isotonic calibrator is fitted on the train rows and applied to the test rows; the ten test
 *       sets are concatenated (labels, probabilities, calibrated probabilities);</li>
 *   <li>the expected calibration error of both, with the same bins: rows sorted by the probability
 *       being assessed, cut into {@code bin_count = 10} runs of {@code len // bin_count} rows (fewer
 *       bins, {@code len // 2}, when {@code len <= 20}; the last run takes the remainder), and
 *       {@code ECE = Σ_bins (rows in bin / len) · |mean p − mean y|};</li>
 *   <li>calibrate when {@code ECE(uncalibrated) > ECE(calibrated)}.</li>
 * </ol>
 * Ties in the sorted probabilities keep their order in the concatenated test sets (a stable sort);
 * NumPy's default {@code argsort} (introsort) leaves their order unspecified, so when tied rows
 * straddle a bin edge NannyML's ECE may differ from this one in the last bits, and in a borderline
 * case the decision with it.
 *
 * <p>Thread-safe: stateless.
 */
final class CalibrationRule {
    static final int SPLITS = 10;
    static final double TEST_SHARE = 0.1;
    static final long SEED = 42;
    static final int BINS = 10;
    static final double NEAR_PERFECT_AUC = 0.999;

    private CalibrationRule() {
    }

    /**
     * The decision for {@code probability} against {@code positive} (all {@code n} rows).
     *
     * @param what names the column in messages ("the probabilities", "class 'b' probabilities")
     */
    static CalibrationDecision decide(Calibration mode, double[] probability, boolean[] positive, int n, String what) {
        int positives = 0;
        for (int i = 0; i < n; i++) {
            if (positive[i]) {
                positives++;
            }
        }
        CalibrationDecision.Reason forced = switch (mode) {
            case ALWAYS -> CalibrationDecision.Reason.ALWAYS_ASKED;
            case NEVER -> CalibrationDecision.Reason.NEVER_ASKED;
            case AUTO -> null;
        };
        if (positives == 0 || positives == n) {
            return forced == null
                    ? new CalibrationDecision(mode, false, CalibrationDecision.Reason.SINGLE_CLASS, Double.NaN, Double.NaN)
                    : new CalibrationDecision(mode, mode == Calibration.ALWAYS, forced, Double.NaN, Double.NaN);
        }
        if (RankingScores.rocAuc(probability, positive, n) > NEAR_PERFECT_AUC) {
            return forced == null
                    ? new CalibrationDecision(mode, false, CalibrationDecision.Reason.NEAR_PERFECT_ROC_AUC,
                            Double.NaN, Double.NaN)
                    : new CalibrationDecision(mode, mode == Calibration.ALWAYS, forced, Double.NaN, Double.NaN);
        }
        double[] ece;
        try {
            ece = crossValidatedErrors(probability, positive, n);
        } catch (InsufficientDataException e) {
            if (forced != null) {
                return new CalibrationDecision(mode, mode == Calibration.ALWAYS, forced, Double.NaN, Double.NaN);
            }
            throw new InsufficientDataException("cannot decide whether to calibrate " + what + " (calibrate: auto): "
                    + e.getMessage() + "; set calibrate to always or never");
        }
        if (forced != null) {
            return new CalibrationDecision(mode, mode == Calibration.ALWAYS, forced, ece[0], ece[1]);
        }
        boolean lowers = ece[0] > ece[1];
        return new CalibrationDecision(mode, lowers, lowers ? CalibrationDecision.Reason.LOWERS_CALIBRATION_ERROR
                : CalibrationDecision.Reason.DOES_NOT_LOWER_CALIBRATION_ERROR, ece[0], ece[1]);
    }

    /** {ECE before, ECE after} calibration over the concatenated held-out rows of the ten splits. */
    static double[] crossValidatedErrors(double[] probability, boolean[] positive, int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = positive[i] ? 1 : 0;
        }
        StratifiedShuffleSplit.Split[] splits = StratifiedShuffleSplit.split(labels, SPLITS, TEST_SHARE, SEED);
        int total = 0;
        for (StratifiedShuffleSplit.Split s : splits) {
            total += s.test().length;
        }
        double[] y = new double[total];
        double[] raw = new double[total];
        double[] calibrated = new double[total];
        int o = 0;
        for (StratifiedShuffleSplit.Split s : splits) {
            int[] train = s.train();
            int[] test = s.test();
            double[] tx = new double[train.length];
            double[] ty = new double[train.length];
            for (int i = 0; i < train.length; i++) {
                tx[i] = probability[train[i]];
                ty[i] = labels[train[i]];
            }
            IsotonicCalibrator calibrator = IsotonicCalibrator.fit(tx, ty, train.length);
            for (int row : test) {
                y[o] = labels[row];
                raw[o] = probability[row];
                calibrated[o] = calibrator.apply(probability[row]);
                o++;
            }
        }
        int[] edges = binEdges(total, BINS);
        return new double[] {expectedCalibrationError(y, raw, edges), expectedCalibrationError(y, calibrated, edges)};
    }

    /** NannyML's {@code _get_bin_index_edges(length, bin_count)}: {@code edges[b]..edges[b+1]} per bin. */
    static int[] binEdges(int length, int binCount) {
        int bins = binCount;
        if (length <= 2 * bins) {
            bins = length / 2;
            if (bins < 2) {
                throw new InsufficientDataException("cannot split " + length
                        + " held-out rows into the minimum of 2 calibration bins");
            }
        }
        int width = length / bins;
        int count = length / width + 1; // range(0, length + 1, width)
        int[] edges = new int[count];
        for (int e = 0; e < count; e++) {
            edges[e] = e * width;
        }
        edges[count - 1] = length;
        return edges;
    }

    /** NannyML's {@code _calculate_expected_calibration_error}, ties kept in row order. */
    static double expectedCalibrationError(double[] y, double[] p, int[] edges) {
        int n = y.length;
        int[] order = IndexSort.ascending(p, n);
        double ece = 0;
        for (int b = 0; b + 1 < edges.length; b++) {
            int from = edges[b];
            int to = edges[b + 1];
            double sp = 0;
            double sy = 0;
            for (int i = from; i < to; i++) {
                sp += p[order[i]];
                sy += y[order[i]];
            }
            int len = to - from;
            ece += ((double) len / n) * Math.abs(sp / len - sy / len);
        }
        return ece;
    }
}
