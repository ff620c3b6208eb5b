package io.driftwatch.quality;

/**
 * The sampling variances of one side's quality metrics, from the rows Evidently's rules score: what a
 * degradation test ({@link Degradation}) needs to tell a worse model from a worse sample. Each is the
 * large-sample (normal) variance of the metric's estimator over repeated batches of the same size
 * drawn from the same model and population; none resamples, so each costs at most one pass over the
 * rows it reads (ROC AUC reuses the sorted scores its value was computed from; the confusion-matrix
 * metrics cost O(K²) in the number of classes, nothing per row).
 *
 * <ul>
 *   <li><b>A proportion</b> {@code x/m} (accuracy; binary precision, recall and the four rates over
 *       their own denominators): the binomial variance {@code p̃(1 − p̃)/(m + 2)} at
 *       {@code p̃ = (x + 1)/(m + 2)}, Agresti &amp; Caffo's adjustment (one success and one failure
 *       added), so that a side at 0 % or 100 %, or with few rows, does not claim a variance of 0
 *       (A. Agresti, B. Caffo, "Simple and effective confidence intervals for proportions and
 *       differences of proportions result from adding two successes and two failures", The American
 *       Statistician 54(4), 2000, doi:10.1080/00031305.2000.10474560).</li>
 *   <li><b>F1 and the macro averages</b> (binary F1 of {@code pos_label}; multiclass macro precision,
 *       recall and F1 over the classes present): the multivariate delta method over the confusion
 *       matrix read as one multinomial sample, {@code Var ≈ (Σ π_c g_c² − (Σ π_c g_c)²)/(n + 2)} with
 *       {@code g} the metric's gradient in the cell shares {@code π} (K. Takahashi, K. Yamamoto,
 *       A. Kuchiba, T. Koyama, "Confidence interval for micro-averaged F1 and macro-averaged F1
 *       scores", Applied Intelligence 52, 2022, doi:10.1007/s10489-021-02635-5; the same derivation
 *       for binary F1 and macro precision and recall). The shares are taken after the same two
 *       pseudo-rows, spread evenly over the {@code K²} cells ({@code 2/K²} each; ½ per cell of a
 *       binary matrix, Agresti–Caffo's own) and counted in {@code n + 2}, so that a perfect side
 *       keeps a variance.</li>
 *   <li><b>ROC AUC</b> of one score column: DeLong's variance from the placement values,
 *       {@code Var = S₁₀/n₊ + S₀₁/n₋}, where a positive's placement is the share of negatives it
 *       outscores (ties ½) and a negative's the share of positives that outscore it (E. R. DeLong,
 *       D. M. DeLong, D. L. Clarke-Pearson, "Comparing the areas under two or more correlated
 *       receiver operating characteristic curves: a nonparametric approach", Biometrics 44(3), 1988,
 *       doi:10.2307/2531595), read in one merge of the sorted scores the area was computed from.</li>
 *   <li><b>A mean of per-row values</b> (log loss, mean error, MAE, MAPE, {@code mape_abs}): the
 *       sample variance of the values (ddof 1) over their count (the central limit theorem).</li>
 *   <li><b>RMSE</b>: {@code Var(MSE)/(4·MSE)}, the delta method through the square root, with
 *       {@code Var(MSE)} the sample variance of the squared errors over {@code n}.</li>
 *   <li><b>R²</b> {@code = 1 − mean(e²)/mean((y − ȳ)²)}: the delta method for a ratio of means,
 *       {@code Var ≈ Var(e² − (1 − R²)(y − ȳ)²)/(n · mean((y − ȳ)²)²)} (the influence function of the
 *       ratio; estimating ȳ adds nothing at first order). A. W. van der Vaart, Asymptotic Statistics,
 *       Cambridge University Press, 1998, ch. 3, doi:10.1017/CBO9780511802256, for the delta method
 *       used here and above.</li>
 * </ul>
 *
 * <p>Deliberately low-level: indexed loops over primitive arrays, no allocation per row.
 * Thread-safe: stateless.
 */
final class SamplingVariance {

    /** The statistics of a confusion matrix whose variance {@link #ofConfusion} computes. */
    enum ConfusionStatistic {
        /** F1 of one class (binary {@code pos_label}): {@code 2·TP / (2·TP + FP + FN)}. */
        F1_OF_CLASS,
        /** Unweighted mean over the classes of {@code TP/(TP + FP)}. */
        MACRO_PRECISION,
        /** Unweighted mean over the classes of {@code TP/(TP + FN)}. */
        MACRO_RECALL,
        /** Unweighted mean over the classes of their F1. */
        MACRO_F1
    }

    private SamplingVariance() {
    }

    /**
     * The Agresti–Caffo variance of the proportion {@code successes / trials}:
     * {@code p̃(1 − p̃)/(trials + 2)}, {@code p̃ = (successes + 1)/(trials + 2)}; ⅛ without trials.
     */
    static double ofProportion(long successes, long trials) {
        double m = trials + 2.0;
        double p = (successes + 1.0) / m;
        return p * (1 - p) / m;
    }

    /**
     * The delta-method variance of {@code statistic} of the {@code k × k} confusion matrix
     * {@code counts} ({@code counts[t * k + p]}: rows of true class {@code t} predicted as {@code p}),
     * after {@code 2/k²} pseudo-rows per cell. For {@link ConfusionStatistic#F1_OF_CLASS} the class is
     * {@code focus}; the macro statistics average over all {@code k} classes.
     *
     * @return the variance; NaN without rows or classes
     */
    static double ofConfusion(long[] counts, int k, ConfusionStatistic statistic, int focus) {
        long rows = 0;
        for (long c : counts) {
            rows += c;
        }
        if (k == 0 || rows == 0) {
            return Double.NaN;
        }
        double pseudo = 2.0 / ((double) k * k);
        double total = rows + 2.0;
        double[] share = new double[k * k];
        double[] rowTotal = new double[k];
        double[] columnTotal = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = (counts[i * k + j] + pseudo) / total;
                share[i * k + j] = s;
                rowTotal[i] += s;
                columnTotal[j] += s;
            }
        }
        // per class: the derivative's pieces, so each cell's gradient is O(1)
        double[] diagonal = new double[k];
        for (int i = 0; i < k; i++) {
            diagonal[i] = share[i * k + i];
        }
        double scale = 1.0 / k;
        double first = 0;
        double second = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double g = gradient(statistic, i, j, focus, scale, diagonal, rowTotal, columnTotal);
                double s = share[i * k + j];
                first += s * g;
                second += s * g * g;
            }
        }
        return Math.max(0.0, second - first * first) / total;
    }

    /** ∂statistic/∂π_ij of the smoothed shares: cell (true {@code i}, predicted {@code j}). */
    private static double gradient(ConfusionStatistic statistic, int i, int j, int focus, double scale,
            double[] diagonal, double[] rowTotal, double[] columnTotal) {
        switch (statistic) {
            case MACRO_PRECISION: {
                // P_j = π_jj / col_j: only column j's precision reads cell (i, j)
                double p = diagonal[j] / columnTotal[j];
                return scale * ((i == j ? 1.0 : 0.0) - p) / columnTotal[j];
            }
            case MACRO_RECALL: {
                double r = diagonal[i] / rowTotal[i];
                return scale * ((i == j ? 1.0 : 0.0) - r) / rowTotal[i];
            }
            case MACRO_F1: {
                if (i == j) {
                    return scale * f1OnDiagonal(diagonal[i], rowTotal[i] + columnTotal[i]);
                }
                return scale * (f1OffDiagonal(diagonal[i], rowTotal[i] + columnTotal[i])
                        + f1OffDiagonal(diagonal[j], rowTotal[j] + columnTotal[j]));
            }
            case F1_OF_CLASS: {
                double t = rowTotal[focus] + columnTotal[focus];
                if (i == focus && j == focus) {
                    return f1OnDiagonal(diagonal[focus], t);
                }
                return i == focus || j == focus ? f1OffDiagonal(diagonal[focus], t) : 0.0;
            }
            default:
                throw new IllegalStateException(statistic.name());
        }
    }

    /** ∂(2d/t)/∂d where the diagonal cell counts in both the row and the column total {@code t}. */
    private static double f1OnDiagonal(double d, double t) {
        return (2 * t - 4 * d) / (t * t);
    }

    /** ∂(2d/t)/∂π for a cell of the class's row or column off the diagonal. */
    private static double f1OffDiagonal(double d, double t) {
        return -2 * d / (t * t);
    }

    /**
     * The variance of the mean of {@code x[0, n)} whose mean is {@code mean}: the sample variance
     * (ddof 1) over {@code n}; NaN below two values.
     */
    static double ofMean(double[] x, int n, double mean) {
        if (n < 2) {
            return Double.NaN;
        }
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = x[i] - mean;
            squares += d * d;
        }
        return squares / (n - 1) / n;
    }

    /**
     * The mean of {@code x[0, n)}, sequential (a variance's centre, not a reported value).
     */
    static double mean(double[] x, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[i];
        }
        return sum / n;
    }

    /**
     * The variance of the RMSE whose squared errors are {@code squared[0, n)}: the delta method
     * {@code Var(MSE)/(4·MSE)}; 0 when every error is 0 (a perfect side has no spread); NaN below two rows.
     */
    static double ofRmse(double[] squared, int n) {
        double mse = mean(squared, n);
        double v = ofMean(squared, n, mse);
        if (mse == 0) {
            return n < 2 ? Double.NaN : 0.0;
        }
        return v / (4 * mse);
    }

    /**
     * The variance of R² {@code = 1 − mean(a)/mean(b)} with {@code a = squared[0, n)} the squared
     * errors and {@code b = deviation[0, n)} the squared deviations of the target from its mean:
     * {@code Var(a − (1 − R²)·b)/(n·mean(b)²)}; NaN below two rows or with a constant target.
     */
    static double ofR2(double[] squared, double[] deviation, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double ma = mean(squared, n);
        double mb = mean(deviation, n);
        if (!(mb > 0)) {
            return Double.NaN;
        }
        double ratio = ma / mb; // 1 − R²
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += squared[i] - ratio * deviation[i];
        }
        double centre = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = squared[i] - ratio * deviation[i] - centre;
            squares += d * d;
        }
        return squares / (n - 1) / n / (mb * mb);
    }

    /**
     * DeLong's variance of the ROC AUC {@code auc} of the positive scores {@code pos[0, np)} against
     * the negative {@code neg[0, nn)}, both sorted ascending: {@code S₁₀/n₊ + S₀₁/n₋}, with
     * {@code S₁₀} the sample variance (ddof 1) of the positives' placements among the negatives and
     * {@code S₀₁} that of the negatives' among the positives; NaN without a positive or a negative.
     * A side with one positive (or one negative) has no spread on that side: its term is 0.
     */
    static double ofRocAuc(double[] pos, int np, double[] neg, int nn, double auc) {
        if (np == 0 || nn == 0) {
            return Double.NaN;
        }
        // a positive's placement: (#neg below + ½ #neg equal) / nn; its mean is the AUC
        double s10 = placementSquares(pos, np, neg, nn, auc);
        // a negative's: (#pos above + ½ #pos equal) / np = 1 − (#pos below + ½ #pos equal) / np; mean AUC too
        double s01 = placementSquares(neg, nn, pos, np, 1 - auc);
        double v10 = np > 1 ? s10 / (np - 1) : 0.0;
        double v01 = nn > 1 ? s01 / (nn - 1) : 0.0;
        return v10 / np + v01 / nn;
    }

    /**
     * {@code Σ (placement − centre)²} over {@code a[0, na)}, a value's placement being
     * {@code (#b below + ½ #b equal) / nb}; both sorted ascending, merged once, equal values as groups.
     */
    private static double placementSquares(double[] a, int na, double[] b, int nb, double centre) {
        double squares = 0;
        int j = 0;
        int i = 0;
        while (i < na) {
            double v = a[i];
            int end = i + 1;
            while (end < na && a[end] == v) {
                end++;
            }
            while (j < nb && b[j] < v) {
                j++;
            }
            int tiesEnd = j;
            while (tiesEnd < nb && b[tiesEnd] == v) {
                tiesEnd++;
            }
            double placement = (j + 0.5 * (tiesEnd - j)) / nb;
            double d = placement - centre;
            squares += (end - i) * d * d;
            i = end;
        }
        return squares;
    }
}
