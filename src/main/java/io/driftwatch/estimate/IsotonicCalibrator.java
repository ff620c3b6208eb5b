package io.driftwatch.estimate;

import java.util.Arrays;

/**
 * Isotonic calibration with scikit-learn's semantics: what
 * {@code IsotonicRegression(out_of_bounds="clip", increasing=True).fit(x, y).predict(t)} returns
 * (scikit-learn 1.2, {@code sklearn/isotonic.py} and {@code _isotonic.pyx}), which is NannyML's
 * {@code IsotonicCalibrator}.
 *
 * <p>Fitting, with unit weights:
 * <ol>
 *   <li>rows sorted by {@code (x, y)};</li>
 *   <li>equal {@code x} merged first ({@code _make_unique}): walking the sorted rows, a row starts a
 *       new point when its {@code x} exceeds the current point's first {@code x} by at least
 *       {@code 1e-15} ({@code np.finfo(float64).resolution}); a point's {@code y} is the mean of its
 *       rows' {@code y} and its weight their count;</li>
 *   <li>pool-adjacent-violators on the points (weighted means of adjacent blocks pooled while a block
 *       is not strictly below the next, with backtracking — the same single pass as scikit-learn's
 *       {@code _inplace_contiguous_isotonic_regression}, so the same sums in the same order);</li>
 *   <li>points in the middle of a run of equal fitted values dropped (they change no prediction).</li>
 * </ol>
 * Prediction: {@code t} clipped to {@code [min x, max x]}, then linear interpolation between the
 * two fitted points around it as {@code scipy.interpolate.interp1d} does it (it delegates to
 * {@code numpy.interp}: {@code j} the last point with {@code x_j <= t}; {@code y_j} when
 * {@code t == x_j} or {@code j} is the last point, else
 * {@code (y_{j+1} − y_j)/(x_{j+1} − x_j) · (t − x_j) + y_j}); a fit with one distinct {@code x}
 * predicts its {@code y} everywhere. Smile's {@code IsotonicRegressionScaling} predicts a step
 * function instead, hence this class.
 *
 * <p>Thread-safe: immutable.
 */
public final class IsotonicCalibrator {
    /** scikit-learn's tolerance for equal {@code x}: {@code np.finfo(np.float64).resolution}. */
    static final double TIE_RESOLUTION = 1e-15;

    private final double[] xs;
    private final double[] ys;

    private IsotonicCalibrator(double[] xs, double[] ys) {
        this.xs = xs;
        this.ys = ys;
    }

    /**
     * Fits on the first {@code n} rows of {@code x} (scores) and {@code y} (targets, for CBPE 0 or 1).
     *
     * @throws IllegalArgumentException when {@code n < 1} or a value is NaN or infinite
     */
    public static IsotonicCalibrator fit(double[] x, double[] y, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("isotonic calibration needs at least one row");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("isotonic calibration: score at row " + i + " is " + x[i]);
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("isotonic calibration: target at row " + i + " is " + y[i]);
            }
        }
        // sort by (x, y): by y first, then stably by x
        int[] byY = IndexSort.ascending(y, n);
        double[] xByY = new double[n];
        for (int i = 0; i < n; i++) {
            xByY[i] = x[byY[i]];
        }
        int[] byX = IndexSort.ascending(xByY, n);
        double[] px = new double[n];
        double[] py = new double[n];
        double[] pw = new double[n];
        int m = 0;
        double currentX = x[byY[byX[0]]];
        double sumY = 0;
        double weight = 0;
        for (int j = 0; j < n; j++) {
            int row = byY[byX[j]];
            double xv = x[row];
            if (xv - currentX >= TIE_RESOLUTION) {
                px[m] = currentX;
                pw[m] = weight;
                py[m] = sumY / weight;
                m++;
                currentX = xv;
                weight = 1;
                sumY = y[row];
            } else {
                weight += 1;
                sumY += y[row];
            }
        }
        px[m] = currentX;
        pw[m] = weight;
        py[m] = sumY / weight;
        m++;
        poolAdjacentViolators(py, pw, m);
        // keep the first and last points and any point whose y differs from a neighbour's
        int kept = 0;
        double[] kx = new double[m];
        double[] ky = new double[m];
        for (int i = 0; i < m; i++) {
            boolean keep = i == 0 || i == m - 1 || py[i] != py[i - 1] || py[i] != py[i + 1];
            if (keep) {
                kx[kept] = px[i];
                ky[kept] = py[i];
                kept++;
            }
        }
        return new IsotonicCalibrator(Arrays.copyOf(kx, kept), Arrays.copyOf(ky, kept));
    }

    /**
     * Pool-adjacent-violators in place on {@code y[0..n)} with weights {@code w}: scikit-learn's
     * single pass, where {@code target[i]} links the first and last index of each pooled block.
     */
    static void poolAdjacentViolators(double[] y, double[] w, int n) {
        int[] target = new int[n];
        for (int i = 0; i < n; i++) {
            target[i] = i;
        }
        int i = 0;
        while (i < n) {
            int k = target[i] + 1;
            if (k == n) {
                break;
            }
            if (y[i] < y[k]) {
                i = k;
                continue;
            }
            double sumWy = w[i] * y[i];
            double sumW = w[i];
            while (true) {
                double prevY = y[k];
                sumWy += w[k] * y[k];
                sumW += w[k];
                k = target[k] + 1;
                if (k == n || prevY < y[k]) {
                    y[i] = sumWy / sumW;
                    w[i] = sumW;
                    target[i] = k - 1;
                    target[k - 1] = i;
                    if (i > 0) {
                        i = target[i - 1];
                    }
                    break;
                }
            }
        }
        i = 0;
        while (i < n) {
            int k = target[i] + 1;
            for (int j = i + 1; j < k; j++) {
                y[j] = y[i];
            }
            i = k;
        }
    }

    /** The calibrated value of score {@code t} (NaN stays NaN). */
    public double apply(double t) {
        int m = xs.length;
        if (m == 1) {
            return ys[0];
        }
        double c = t < xs[0] ? xs[0] : (t > xs[m - 1] ? xs[m - 1] : t);
        if (c != c) {
            return Double.NaN;
        }
        int lo = 0;
        int hi = m - 1; // the last index j with xs[j] <= c
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (xs[mid] <= c) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (lo == m - 1 || c == xs[lo]) {
            return ys[lo];
        }
        double slope = (ys[lo + 1] - ys[lo]) / (xs[lo + 1] - xs[lo]);
        return slope * (c - xs[lo]) + ys[lo];
    }

    /** The calibrated values of {@code t[0..n)} into a new array. */
    public double[] apply(double[] t, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = apply(t[i]);
        }
        return out;
    }

    /** The fitted points' scores, ascending (scikit-learn's {@code X_thresholds_}); a copy. */
    public double[] thresholds() {
        return xs.clone();
    }

    /** The fitted points' calibrated values (scikit-learn's {@code y_thresholds_}); a copy. */
    public double[] values() {
        return ys.clone();
    }
}
