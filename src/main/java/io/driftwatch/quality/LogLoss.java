package io.driftwatch.quality;

import io.driftwatch.stats.PairwiseSummation;

/**
 * scikit-learn 1.2's {@code log_loss(Y, M)} with {@code eps="auto"}, as Evidently calls it: each
 * probability clipped to {@code [ε, 1 − ε]} (ε = 2⁻⁵², float64's machine epsilon), each row
 * renormalised to sum to 1, then the mean over rows of {@code −ln} of the true class's probability. A
 * row whose class has no probability column adds 0 (its indicator row is all zeros).
 *
 * <p>Thread-safe: stateless.
 */
final class LogLoss {
    /** float64's machine epsilon, scikit-learn's {@code eps="auto"}. */
    static final double EPS = Math.ulp(1.0);
    private static final double ONE_MINUS_EPS = 1.0 - EPS;

    private LogLoss() {
    }

    /** {@code x} clipped to {@code [ε, 1 − ε]}. */
    static double clip(double x) {
        return x < EPS ? EPS : (x > ONE_MINUS_EPS ? ONE_MINUS_EPS : x);
    }

    /**
     * Two columns, {@code base} and {@code 1 − base}: the first column is {@code base} when
     * {@code baseIsFirst}, else {@code 1 − base}. A row of class {@code firstCode} scores the first
     * column, of {@code secondCode} the second.
     */
    static double binary(double[] base, boolean baseIsFirst, int[] truth, int n, int firstCode, int secondCode,
            double[] loss) {
        for (int i = 0; i < n; i++) {
            loss[i] = 0.0;
            int t = truth[i];
            double b = base[i];
            double first = clip(baseIsFirst ? b : 1.0 - b);
            double second = clip(baseIsFirst ? 1.0 - b : b);
            double sum = first + second;
            if (t == firstCode) {
                loss[i] = -Math.log(first / sum);
            } else if (t == secondCode) {
                loss[i] = -Math.log(second / sum);
            }
        }
        return PairwiseSummation.mean(loss, 0, n);
    }

    /** One column per class: {@code columns[j]} is the probability of class {@code columnCodes[j]}. */
    static double multiclass(double[][] columns, int[] columnCodes, int[] truth, int n, int codeCount, double[] loss) {
        int k = columns.length;
        int[] columnOfCode = new int[codeCount];
        java.util.Arrays.fill(columnOfCode, -1);
        for (int j = 0; j < k; j++) {
            columnOfCode[columnCodes[j]] = j;
        }
        double[] row = new double[k];
        for (int i = 0; i < n; i++) {
            int column = columnOfCode[truth[i]];
            if (column < 0) {
                loss[i] = 0.0;
                continue;
            }
            for (int j = 0; j < k; j++) {
                row[j] = clip(columns[j][i]);
            }
            loss[i] = -Math.log(clip(columns[column][i]) / PairwiseSummation.sum(row, 0, k));
        }
        return PairwiseSummation.mean(loss, 0, n);
    }
}
