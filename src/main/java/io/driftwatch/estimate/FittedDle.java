package io.driftwatch.estimate;

import io.driftwatch.data.Chunks;
import io.driftwatch.data.Table;
import io.driftwatch.stats.ChunkThreshold;
import io.driftwatch.stats.InsufficientDataException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import smile.base.cart.Loss;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.math.MathEx;
import smile.regression.GradientTreeBoost;

/**
 * DLE fitted on a regressor's reference: the three loss models, the sampling-error components and
 * the thresholds of each metric.
 *
 * <p>Sampling errors (NannyML's {@code sampling_error/regression.py}), σ and means over the
 * reference rows with a known target, {@code n} the chunk's rows: MAE {@code σ(|e|)/√n}; MSE
 * {@code σ(e²)/√n}; RMSE {@code √(σ(e²)² / (4·n·mean(e²)))}; MAPE {@code σ(|e|/y)/√n} — NannyML
 * divides by the signed target there, without the {@code max(ε, |y|)} of the metric itself, and so
 * does this. Realized values: scikit-learn's {@code mean_absolute_error}, {@code mean_squared_error},
 * its root, and {@code mean_absolute_percentage_error} on the rows whose target is known. Thresholds:
 * mean ± 3σ of the realized metric over the reference chunks, never below 0.
 *
 * <p>Thread-safe: immutable; {@link #estimate} may run on many threads at once (Smile's trees only
 * read at prediction). Fitting holds a class-wide lock only while seeding Smile's generator.
 */
public final class FittedDle {
    /** {@code np.finfo(np.float64).eps}, scikit-learn's floor under |y| in the percentage error. */
    static final double EPSILON = Math.ulp(1.0);
    private static final Object SEED_LOCK = new Object();
    private static final int METRICS = DleMetric.values().length;

    private final LossFeatures features;
    private final GradientTreeBoost absolute;
    private final GradientTreeBoost squared;
    private final GradientTreeBoost percentage;
    private final double sigmaAbsolute;
    private final double sigmaSquared;
    private final double meanSquared;
    private final double sigmaPercentage;
    private final ChunkThreshold.Band[] thresholds;
    private final long seed;
    private final Set<DleMetric> metrics;

    private FittedDle(LossFeatures features, GradientTreeBoost absolute, GradientTreeBoost squared,
            GradientTreeBoost percentage, double[] components, ChunkThreshold.Band[] thresholds, long seed,
            Set<DleMetric> metrics) {
        this.features = features;
        this.absolute = absolute;
        this.squared = squared;
        this.percentage = percentage;
        this.sigmaAbsolute = components[0];
        this.sigmaSquared = components[1];
        this.meanSquared = components[2];
        this.sigmaPercentage = components[3];
        this.thresholds = thresholds;
        this.seed = seed;
        this.metrics = metrics;
    }

    static FittedDle fit(Dle options, Table table, double[] actual, double[] predicted,
            List<? extends Chunks.Chunk> referenceChunks) {
        String side = "reference";
        int n = table.rowCount();
        Inputs.sameLength(side, "targets", actual.length, n, "the feature table");
        Inputs.sameLength(side, "predictions", predicted.length, n, "the feature table");
        Inputs.finite(side, "prediction", predicted);
        Inputs.chunks(side, referenceChunks, n);
        int known = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isInfinite(actual[i])) {
                throw new InvalidModelOutputException(side + ": target at row " + i + " is " + actual[i]
                        + "; a finite number (or NaN for unknown) is needed");
            }
            if (!Double.isNaN(actual[i])) {
                known++;
            }
        }
        if (known < 2 * options.minLeafRows) {
            throw new InsufficientDataException(side + ": " + known + " rows with a known target, too few to fit "
                    + "DLE's loss models (at least " + 2 * options.minLeafRows + ", two leaves of minLeafRows)");
        }
        int[] rows = new int[known];
        double[] abs = new double[known];
        double[] sq = new double[known];
        double[] ape = new double[known];
        double[] relative = new double[known]; // NannyML's sampling-error term |e| / y
        int j = 0;
        for (int i = 0; i < n; i++) {
            double y = actual[i];
            if (Double.isNaN(y)) {
                continue;
            }
            double e = y - predicted[i];
            rows[j] = i;
            abs[j] = Math.abs(e);
            sq[j] = e * e;
            ape[j] = Math.abs(e) / Math.max(EPSILON, Math.abs(y));
            relative[j] = Math.abs(e) / y;
            j++;
        }
        LossFeatures encoding = LossFeatures.learn(table);
        Set<DleMetric> wanted = options.metrics;
        GradientTreeBoost absolute = wanted.contains(DleMetric.MAE)
                ? train(options, encoding.frame(table, side, rows, predicted, abs)) : null;
        GradientTreeBoost squared = wanted.contains(DleMetric.MSE) || wanted.contains(DleMetric.RMSE)
                ? train(options, encoding.frame(table, side, rows, predicted, sq)) : null;
        GradientTreeBoost percentage = wanted.contains(DleMetric.MAPE)
                ? train(options, encoding.frame(table, side, rows, predicted, ape)) : null;
        double[] components = {
            Math.sqrt(CbpeMath.variance(abs, known)),
            Math.sqrt(CbpeMath.variance(sq, known)),
            mean(sq, known),
            Math.sqrt(CbpeMath.variance(relative, known)),
        };
        double[][] realized = new double[METRICS][referenceChunks.size()];
        for (int c = 0; c < referenceChunks.size(); c++) {
            double[] r = realized(referenceChunks.get(c).rows(), actual, predicted);
            for (int m = 0; m < METRICS; m++) {
                realized[m][c] = r[m];
            }
        }
        ChunkThreshold.Band[] thresholds = new ChunkThreshold.Band[METRICS];
        for (int m = 0; m < METRICS; m++) {
            thresholds[m] = ChunkThreshold.of(realized[m], ChunkThreshold.DEFAULT_MULTIPLIER, 0, Double.POSITIVE_INFINITY);
        }
        return new FittedDle(encoding, absolute, squared, percentage, components, thresholds, options.seed, wanted);
    }

    private static GradientTreeBoost train(Dle o, DataFrame frame) {
        synchronized (SEED_LOCK) {
            MathEx.setSeed(o.seed); // Smile's generator for this thread, which runs the boosting loop
        }
        return GradientTreeBoost.fit(Formula.lhs(LossFeatures.LOSS), frame, Loss.ls(), o.trees, o.maxDepth, o.maxLeaves,
                o.minLeafRows, o.shrinkage, o.subsample);
    }

    private static double mean(double[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s / n;
    }

    /** {MAE, MSE, RMSE, MAPE} realized on the rows with a known target; NaN without any. */
    static double[] realized(int[] rows, double[] actual, double[] predicted) {
        double abs = 0;
        double sq = 0;
        double ape = 0;
        int m = 0;
        for (int row : rows) {
            double y = actual[row];
            if (Double.isNaN(y)) {
                continue;
            }
            double e = y - predicted[row];
            abs += Math.abs(e);
            sq += e * e;
            ape += Math.abs(e) / Math.max(EPSILON, Math.abs(y));
            m++;
        }
        if (m == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        return new double[] {abs / m, sq / m, Math.sqrt(sq / m), ape / m};
    }

    /** The thresholds of {@code metric}. */
    public ChunkThreshold.Band thresholds(DleMetric metric) {
        return thresholds[metric.ordinal()];
    }

    /** NannyML's sampling error of {@code metric} for a chunk of {@code rows} rows. */
    public double samplingError(DleMetric metric, int rows) {
        return switch (metric) {
            case MAE -> sigmaAbsolute / Math.sqrt(rows);
            case MSE -> sigmaSquared / Math.sqrt(rows);
            case RMSE -> Math.sqrt(sigmaSquared * sigmaSquared / (4.0 * rows * meanSquared));
            case MAPE -> sigmaPercentage / Math.sqrt(rows);
        };
    }

    /**
     * Estimates every metric on each chunk of a batch.
     *
     * @param table the batch's feature columns (those of the reference, matched by name; others ignored)
     * @param predicted the model's predictions
     * @param actual the true values where known (NaN otherwise); null when none is known
     * @param chunks the batch's chunks
     */
    public DleResult estimate(Table table, double[] predicted, double[] actual, List<? extends Chunks.Chunk> chunks) {
        String side = "analysis";
        int n = table.rowCount();
        Inputs.sameLength(side, "predictions", predicted.length, n, "the feature table");
        if (actual != null) {
            Inputs.sameLength(side, "targets", actual.length, n, "the feature table");
        }
        Inputs.finite(side, "prediction", predicted);
        Inputs.chunks(side, chunks, n);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        DataFrame frame = features.frame(table, side, all, predicted, null);
        double[] abs = clippedPredictions(absolute, frame);
        double[] sq = clippedPredictions(squared, frame);
        double[] ape = clippedPredictions(percentage, frame);
        ChunkEstimate[][] out = new ChunkEstimate[METRICS][chunks.size()];
        for (int c = 0; c < chunks.size(); c++) {
            int[] rows = chunks.get(c).rows();
            int m = rows.length;
            double sumAbs = 0;
            double sumSq = 0;
            double sumApe = 0;
            for (int row : rows) {
                sumAbs += abs[row];
                sumSq += sq[row];
                sumApe += ape[row];
            }
            double[] estimates = {sumAbs / m, sumSq / m, Math.sqrt(sumSq / m), sumApe / m};
            int labelled = 0;
            double[] realized = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            if (actual != null) {
                for (int row : rows) {
                    if (!Double.isNaN(actual[row])) {
                        labelled++;
                    }
                }
                realized = realized(rows, actual, predicted);
            }
            for (DleMetric metric : this.metrics) {
                int k = metric.ordinal();
                double value = estimates[k];
                double se = samplingError(metric, m);
                ChunkThreshold.Band band = thresholds[k];
                out[k][c] = new ChunkEstimate(c, m, value, se, Math.max(0, value - 3 * se), value + 3 * se,
                        band.lower(), band.upper(), band.alerts(value), realized[k], labelled);
            }
        }
        Map<DleMetric, MetricEstimates> metrics = new EnumMap<>(DleMetric.class);
        for (DleMetric metric : this.metrics) {
            metrics.put(metric, new MetricEstimates(metric.key(), thresholds[metric.ordinal()],
                    List.of(out[metric.ordinal()])));
        }
        return new DleResult(metrics, features.inputs(), seed);
    }

    private static double[] clippedPredictions(GradientTreeBoost model, DataFrame frame) {
        if (model == null) {
            return new double[frame.nrows()];
        }
        double[] p = model.predict(frame);
        for (int i = 0; i < p.length; i++) {
            if (p[i] < 0) {
                p[i] = 0;
            }
        }
        return p;
    }
}
