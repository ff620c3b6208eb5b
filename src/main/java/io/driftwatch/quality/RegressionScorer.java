package io.driftwatch.quality;

import io.driftwatch.analysis.ModelTask;
import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.data.Column;
import io.driftwatch.data.DoubleRadixSort;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.quality.EvidentlyFailure.Stage;
import io.driftwatch.stats.PairwiseSummation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a regression model on one side of a check as Evidently 0.7.21's {@code RegressionPreset}
 * does, with Driftwatch's {@link RegressionMetric#MAPE_ABS} beside it, and computes the baselines of
 * the no-reference tests: Evidently's dummies (which 0.7.21 sets to the model's own values) and
 * Driftwatch's (the errors of the best constant prediction, as Evidently meant them).
 *
 * <p>Cleaning: rows with a missing or infinite target or prediction are dropped. With {@code e =
 * prediction − target} over the {@code n} rows left: mean error and its sample standard deviation
 * (ddof 1, NaN for one row); MAE and the standard deviation of {@code |e|}; RMSE; R² (scikit-learn:
 * 1.0 when the target is constant and the errors are zero, 0.0 when only the target is constant, NaN
 * below two rows); the largest {@code |e|}; Evidently's MAPE {@code |e| / max(y, ε)} with ε = 2⁻⁵²,
 * near-zero targets ({@code !(|y| > ε)}) replaced by 100 % on the current side and dropped on the
 * reference side, the mean in percent and the standard deviation in fractions.
 *
 * <p>Thread-safe: immutable; each call scores with its own arrays.
 */
final class RegressionScorer {
    /** float64's machine epsilon, Evidently's MAPE epsilon. */
    static final double EPS = Math.ulp(1.0);

    static final String ONE_ROW = "one row: no sampling variance can be estimated";

    private final ModelSpec spec;
    private final boolean withStandardErrors;

    RegressionScorer(ModelSpec spec) {
        this(spec, false);
    }

    private RegressionScorer(ModelSpec spec, boolean withStandardErrors) {
        if (spec.task() != ModelTask.REGRESSION) {
            throw new IllegalArgumentException("not a regression: " + spec.task().label());
        }
        this.spec = spec;
        this.withStandardErrors = withStandardErrors;
    }

    /**
     * This scorer, also computing each metric's standard error ({@link SamplingVariance}) from the
     * rows it scores, for the degradation tests. The metrics' values are the same.
     */
    RegressionScorer withStandardErrors() {
        return new RegressionScorer(spec, true);
    }

    /**
     * One side's score and, for a current batch, its baselines.
     *
     * @param errors the metrics' standard errors when asked for ({@link #withStandardErrors()}), else
     *     {@link StandardErrors#NONE}
     * @param actual the scored rows' targets, {@code side.rowsUsed()} of them from index 0 (the array may be
     *     longer); empty when the side could not be scored
     * @param predicted the scored rows' predictions, aligned with {@code actual}
     */
    record Measured(RegressionSide side, List<Baseline> evidentlyBaselines, List<Baseline> driftwatchBaselines,
            StandardErrors errors, double[] actual, double[] predicted) {
    }

    /** Scores {@code table}, the current batch ({@code current}) or the reference. */
    Measured measure(Table table, boolean current) {
        int rowsRead = table.rowCount();
        List<EvidentlyFailure> failures = new ArrayList<>();
        String columnError = columnError(table);
        if (columnError != null) {
            return failed(rowsRead, 0, columnError, failures);
        }
        double[] y = values(table, spec.target());
        double[] p = values(table, spec.prediction());
        int n = 0;
        for (int i = 0; i < rowsRead; i++) {
            double yi = y[i];
            double pi = p[i];
            if (Double.isFinite(yi) && Double.isFinite(pi)) {
                y[n] = yi;
                p[n] = pi;
                n++;
            }
        }
        if (n == 0) {
            // numpy.quantile of the empty error series, Evidently's first step after cleaning
            failures.add(new EvidentlyFailure(Stage.PREPARE, "IndexError: index -1 is out of bounds for axis 0 with size 0"));
            return failed(rowsRead, 0, "no row has both a finite target and a finite prediction", failures);
        }
        if (current && !evidentlyMapeBaselineDefined(y, n)) {
            failures.add(new EvidentlyFailure(Stage.SCORE, "IndexError: index 0 is out of bounds for axis 0 with size 0"));
        }
        // pandas and scikit-learn means are NumPy's pairwise sums; pandas' std is bottleneck's sequential two-pass
        double[] e = new double[n];
        double[] abs = new double[n];
        double[] squared = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double ei = p[i] - y[i];
            double ai = Math.abs(ei);
            e[i] = ei;
            abs[i] = ai;
            double d = y[i] - p[i];
            squared[i] = d * d;
            if (ai > max) {
                max = ai;
            }
        }
        double meanE = PairwiseSummation.mean(e, 0, n);
        double meanAbs = PairwiseSummation.mean(abs, 0, n);
        double sumSq = PairwiseSummation.sum(squared, 0, n);
        double meanY = PairwiseSummation.mean(y, 0, n);
        double[] deviation = new double[n];
        for (int i = 0; i < n; i++) {
            double d = y[i] - meanY;
            deviation[i] = d * d;
        }
        double ssTotal = PairwiseSummation.sum(deviation, 0, n);
        double r2;
        if (n < 2) {
            r2 = Double.NaN;
        } else if (ssTotal == 0) {
            r2 = sumSq == 0 ? 1.0 : 0.0;
        } else {
            r2 = 1 - sumSq / ssTotal;
        }

        // Evidently's MAPE: denominator max(y, eps); near-zero targets replaced (current) or dropped (reference)
        double[] ape = new double[n];
        int apeCount = 0;
        int nearZero = 0;
        for (int i = 0; i < n; i++) {
            boolean zero = !(Math.abs(y[i]) > EPS);
            if (zero) {
                nearZero++;
                if (current) {
                    ape[apeCount++] = 1.0;
                }
            } else {
                ape[apeCount++] = abs[i] / Math.max(y[i], EPS);
            }
        }
        double mapeMean = 100.0 * PairwiseSummation.mean(ape, 0, apeCount);
        double mapeStd = sampleStd(ape, apeCount);

        // Driftwatch's MAPE: denominator |y|, near-zero targets left out on both sides, both parts in percent
        double[] apeAbs = new double[n];
        int apeAbsCount = 0;
        for (int i = 0; i < n; i++) {
            double ay = Math.abs(y[i]);
            if (ay > EPS) {
                apeAbs[apeAbsCount++] = abs[i] / ay;
            }
        }

        Map<QualityMetric, MetricValue> metrics = new LinkedHashMap<>();
        metrics.put(RegressionMetric.MEAN_ERROR, MetricValue.of(meanE, sampleStd(e, n)));
        metrics.put(RegressionMetric.MAPE, MetricValue.of(mapeMean, mapeStd));
        double rmse = Math.sqrt(PairwiseSummation.mean(squared, 0, n));
        metrics.put(RegressionMetric.RMSE, MetricValue.of(rmse));
        metrics.put(RegressionMetric.MAE, MetricValue.of(meanAbs, sampleStd(abs, n)));
        metrics.put(RegressionMetric.R2_SCORE, MetricValue.of(r2));
        metrics.put(RegressionMetric.ABS_MAX_ERROR, MetricValue.of(max));
        metrics.put(RegressionMetric.MAPE_ABS, apeAbsCount == 0
                ? MetricValue.failed("every target is zero: the percentage error is undefined")
                : MetricValue.of(100.0 * PairwiseSummation.mean(apeAbs, 0, apeAbsCount),
                        100.0 * sampleStd(apeAbs, apeAbsCount)));
        RegressionSide side = new RegressionSide(rowsRead, n, nearZero, null, metrics, failures);
        StandardErrors errors = StandardErrors.NONE;
        if (withStandardErrors) {
            StandardErrors.Builder spread = new StandardErrors.Builder();
            spread.variance(RegressionMetric.MEAN_ERROR, SamplingVariance.ofMean(e, n, meanE), ONE_ROW);
            // the mean is in percent, the ratios in fractions
            spread.variance(RegressionMetric.MAPE,
                    1e4 * SamplingVariance.ofMean(ape, apeCount, SamplingVariance.mean(ape, apeCount)),
                    apeCount == 0 ? "no row to average: every target is zero" : ONE_ROW);
            spread.variance(RegressionMetric.RMSE, SamplingVariance.ofRmse(squared, n), ONE_ROW);
            spread.variance(RegressionMetric.MAE, SamplingVariance.ofMean(abs, n, meanAbs), ONE_ROW);
            spread.variance(RegressionMetric.R2_SCORE, SamplingVariance.ofR2(squared, deviation, n),
                    n < 2 ? ONE_ROW : "the target is constant: R² is a convention (1.0 or 0.0), not an estimate");
            spread.fail(RegressionMetric.ABS_MAX_ERROR, "no sampling distribution: the maximum is not a degradation metric");
            spread.variance(RegressionMetric.MAPE_ABS,
                    1e4 * SamplingVariance.ofMean(apeAbs, apeAbsCount, SamplingVariance.mean(apeAbs, apeAbsCount)),
                    apeAbsCount == 0 ? "every target is zero: the percentage error is undefined" : ONE_ROW);
            errors = spread.build();
        }
        if (!current) {
            return new Measured(side, List.of(), List.of(), errors, y, p);
        }
        List<Baseline> evidently = List.of(
                new Baseline("dummy_mape", RegressionMetric.MAPE, mapeMean),
                new Baseline("dummy_rmse", RegressionMetric.RMSE, rmse),
                new Baseline("dummy_mae", RegressionMetric.MAE, meanAbs));
        List<Baseline> driftwatch = List.of(
                new Baseline("baseline_mae", RegressionMetric.MAE, medianBaselineMae(y, n)),
                new Baseline("baseline_rmse", RegressionMetric.RMSE, Math.sqrt(ssTotal / n)),
                new Baseline("baseline_mape_abs", RegressionMetric.MAPE_ABS, bestConstantMapeAbs(y, n)));
        return new Measured(side, evidently, driftwatch, errors, y, p);
    }

    private Measured failed(int rowsRead, int rowsUsed, String error, List<EvidentlyFailure> failures) {
        return new Measured(new RegressionSide(rowsRead, rowsUsed, 0, error, Map.of(), failures), List.of(), List.of(),
                StandardErrors.NONE, new double[0], new double[0]);
    }

    private String columnError(Table table) {
        for (String[] c : new String[][] {{spec.target(), "target"}, {spec.prediction(), "prediction"}}) {
            Column column = table.column(c[0]).orElse(null);
            if (column == null) {
                return "the batch has no " + c[1] + " column '" + c[0] + "'";
            }
            PhysicalType type = column.physicalType();
            if (type != PhysicalType.FLOAT && type != PhysicalType.INTEGER) {
                return c[1] + " column '" + c[0] + "' must hold numbers (integers or floats), not "
                        + type.name().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    private static double[] values(Table table, String name) {
        NumericColumn nc = (NumericColumn) table.column(name).orElseThrow();
        double[] out = new double[nc.length()];
        nc.copyValues(out, 0);
        return out;
    }

    /**
     * Whether Evidently's own (unused) MAPE baseline can be computed on the current targets: it looks
     * for the first cumulative weight above 0.5 among the nonzero targets weighted by {@code 1/y} and
     * normalised by their (sequential) sum, and raises an {@code IndexError} when there is none: no
     * nonzero target, or weights that cancel out (targets of both signs).
     */
    static boolean evidentlyMapeBaselineDefined(double[] y, int n) {
        int k = 0;
        double[] inv = new double[n];
        for (int i = 0; i < n; i++) {
            if (y[i] != 0) {
                inv[k++] = 1 / y[i];
            }
        }
        if (k == 0) {
            return false;
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += inv[i];
        }
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            w[i] = inv[i] / sum;
        }
        java.util.Arrays.sort(w); // NaN last, as numpy.argsort
        double cumulative = 0;
        for (int i = 0; i < k; i++) {
            cumulative += w[i];
            if (cumulative > 0.5) {
                return true;
            }
        }
        return false;
    }

    /** The MAE of predicting the median target for every row. */
    private static double medianBaselineMae(double[] y, int n) {
        double[] sorted = java.util.Arrays.copyOf(y, n);
        DoubleRadixSort.sort(sorted, n);
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double[] errors = new double[n];
        for (int i = 0; i < n; i++) {
            errors[i] = Math.abs(y[i] - median);
        }
        return PairwiseSummation.mean(errors, 0, n);
    }

    /**
     * {@code mape_abs} of the best constant prediction: the weighted median of the targets with
     * {@code |y| > ε} under weights {@code 1/|y|} (it minimises {@code Σ |c − y|/|y|}); NaN when every
     * target is near zero.
     */
    static double bestConstantMapeAbs(double[] y, int n) {
        double[] t = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(y[i]) > EPS) {
                t[k++] = y[i];
            }
        }
        if (k == 0) {
            return Double.NaN;
        }
        DoubleRadixSort.sort(t, k);
        double total = 0;
        for (int i = 0; i < k; i++) {
            total += 1 / Math.abs(t[i]);
        }
        double cumulative = 0;
        double c = t[k - 1];
        for (int i = 0; i < k; i++) {
            cumulative += 1 / Math.abs(t[i]);
            if (cumulative >= total / 2) {
                c = t[i];
                break;
            }
        }
        double[] errors = new double[k];
        for (int i = 0; i < k; i++) {
            errors[i] = Math.abs(c - t[i]) / Math.abs(t[i]);
        }
        return 100.0 * PairwiseSummation.mean(errors, 0, k);
    }

    /**
     * pandas' {@code std(ddof=1)} as pandas 1.5 computes it with bottleneck installed: two sequential
     * passes, {@code sqrt(Σ(x − mean)² / (n − 1))}; NaN below two values.
     */
    static double sampleStd(double[] a, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += a[i];
        }
        double m = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - m;
            squares += d * d;
        }
        return Math.sqrt(squares / (n - 1));
    }
}
